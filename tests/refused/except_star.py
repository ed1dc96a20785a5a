# refused: 4:7: except* is not supported by pyjit's Python subset
try:
    pass
except* ValueError:
    pass
