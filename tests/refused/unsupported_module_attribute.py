# refused: 3:7: math.log is not supported by pyjit's Python subset (CPython has it)
import math
print(math.log(2.0))
