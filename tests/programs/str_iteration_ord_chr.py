s = "Hello, wörld! ✓ 😀"
codes = []
for ch in s:
    codes.append(ord(ch))
print(codes)
back = ""
for c in codes:
    back = back + chr(c)
print(back == s, back)
print(chr(0), repr(chr(7)), chr(65), chr(0x10FFFF) == "\U0010ffff", ord("\n"), ord(chr(233)))
shifted = []
for ch in "attack at dawn":
    if ch.isalpha():
        shifted.append(chr((ord(ch) - ord("a") + 13) % 26 + ord("a")))
    else:
        shifted.append(ch)
print("".join(shifted))
checksum = 0
for i in range(1000):
    checksum = (checksum * 31 + ord(chr(32 + i % 90))) % 1000003
print(checksum)
print(repr(chr(True)), ord("é"), ascii("é😀"), repr("tab\there"), repr(["a", 'b"c', "d'e"]))
