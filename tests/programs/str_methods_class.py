tests = ["123", "12a", "", "abc", "ABC", "ab1", "   ", " \t\n", "²³", "٣", "Ⅻ", "éß", "a b", "\u2000", "0.5", "-1"]
for t in tests:
    print(repr(t), t.isdigit(), t.isalpha(), t.isspace())
digits = 0
letters = 0
spaces = 0
for ch in "Hello, World 2024! Ünïcödé ۱۲۳":
    if ch.isdigit():
        digits += 1
    elif ch.isalpha():
        letters += 1
    elif ch.isspace():
        spaces += 1
print(digits, letters, spaces)
