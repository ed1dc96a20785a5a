# refused: 3:7: math.tan is not supported by pyjit's Python subset (CPython has it)
import math
print(math.tan(2.0))
