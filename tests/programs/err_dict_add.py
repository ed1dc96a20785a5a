print({} + {})
