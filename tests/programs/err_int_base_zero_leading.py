# Base 0 reads a literal: leading zeros are invalid.
print(int("010", 0))
