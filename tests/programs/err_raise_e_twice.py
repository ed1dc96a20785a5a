# `raise e` of a caught exception adds the raising line to its traceback.
def fail():
    raise RuntimeError("original")

def again():
    try:
        fail()
    except RuntimeError as e:
        err = e
    print("raising it again")
    raise err

again()
