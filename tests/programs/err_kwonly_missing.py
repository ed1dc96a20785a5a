# A keyword-only parameter without a default must be passed.
def connect(host, *, port, timeout=10):
    return host, port, timeout
print(connect("a", port=1))
connect("b", 2)
