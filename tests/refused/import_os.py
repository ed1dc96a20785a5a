# refused: 2:8: module 'os' is not supported: only 'math' and 'time' are
import os
