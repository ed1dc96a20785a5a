counter = 0

def bump():
    global counter
    counter += 1
    return counter

def read_only():
    return counter * 10

def shadow():
    counter = 99
    return counter

for i in range(3):
    bump()
print(counter, read_only(), shadow(), counter)

def define_later():
    global late
    late = "set"

define_later()
print(late)
