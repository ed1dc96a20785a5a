# refused: 4:9: TabError: inconsistent use of tabs and spaces in indentation
if True:
	x = 1
        y = 2
