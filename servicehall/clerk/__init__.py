"""The clerk's side of the hall: the window console, the wired keypad bridge, the rating pad."""
