# refused: 3:1: 'break' outside loop
x = 1
break
