"""The data behind the pictures (Qt-free): timeline rows, figure series, who works with
whom, and the map's places, routes and projection. Every mark keeps its item's anchor."""
