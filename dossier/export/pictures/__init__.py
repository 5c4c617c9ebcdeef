"""The pictures drawn with QPainter onto any paint device: the viewer's widgets and the
PDF call the same functions, so screen and paper show the same marks."""
