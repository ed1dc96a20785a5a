// Unit tests of the lexer, parser and bytecode compiler.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "frontend/compiler.h"
#include "frontend/lexer.h"
#include "frontend/parser.h"

namespace pyjit {
namespace {

std::vector<Token> Lex(const std::string& text) {
  absl::StatusOr<std::vector<Token>> tokens = Tokenize(SourceFile{"t.py", text});
  EXPECT_TRUE(tokens.ok()) << tokens.status();
  return tokens.ok() ? *tokens : std::vector<Token>{};
}

std::string ErrorOf(const std::string& text) {
  absl::StatusOr<Program> program = CompileSource(SourceFile{"t.py", text});
  return program.ok() ? "" : std::string(program.status().message());
}

TEST(LexerTest, IndentationBecomesIndentAndDedent) {
  std::vector<Token> t = Lex("if x:\n    y = 1\nz = 2\n");
  std::vector<TokenKind> kinds;
  for (const Token& tok : t) kinds.push_back(tok.kind);
  std::vector<TokenKind> expected = {
      TokenKind::kName,   TokenKind::kName,    TokenKind::kOp,   TokenKind::kNewline,
      TokenKind::kIndent, TokenKind::kName,    TokenKind::kOp,   TokenKind::kInt,
      TokenKind::kNewline, TokenKind::kDedent, TokenKind::kName, TokenKind::kOp,
      TokenKind::kInt,    TokenKind::kNewline, TokenKind::kEnd};
  EXPECT_EQ(kinds, expected);
}

TEST(LexerTest, NumberLiteralForms) {
  std::vector<Token> t = Lex("0x1F 0o17 0b101 1_000 1.5e3 .25 7.\n");
  EXPECT_EQ(t[0].text, "1F");
  EXPECT_EQ(t[0].int_base, 16);
  EXPECT_EQ(t[1].text, "17");
  EXPECT_EQ(t[1].int_base, 8);
  EXPECT_EQ(t[2].text, "101");
  EXPECT_EQ(t[2].int_base, 2);
  EXPECT_EQ(t[3].text, "1000");
  EXPECT_EQ(t[3].int_base, 10);
  EXPECT_EQ(t[4].kind, TokenKind::kFloat);
  EXPECT_DOUBLE_EQ(t[4].float_value, 1500.0);
  EXPECT_DOUBLE_EQ(t[5].float_value, 0.25);
  EXPECT_DOUBLE_EQ(t[6].float_value, 7.0);
}

TEST(LexerTest, StringEscapesAndRawStrings) {
  std::vector<Token> t = Lex("'a\\tb' r'a\\tb' \"\\x41\\u00e9\"\n");
  EXPECT_EQ(t[0].text, "a\tb");
  EXPECT_EQ(t[1].text, "a\\tb");
  EXPECT_EQ(t[2].text, "A\xc3\xa9");
}

TEST(LexerTest, NewlinesInsideBracketsAreJoined) {
  std::vector<Token> t = Lex("x = (1,\n     2)\n");
  int newlines = 0;
  for (const Token& tok : t) newlines += tok.kind == TokenKind::kNewline;
  EXPECT_EQ(newlines, 1);
}

TEST(LexerTest, ColumnsArePositions) {
  std::vector<Token> t = Lex("a = bb\n");
  EXPECT_EQ(t[2].pos.line, 1);
  EXPECT_EQ(t[2].pos.col, 5);
}

TEST(ParserTest, PrecedenceOfPowerAndUnaryMinus) {
  absl::StatusOr<Module> m = Parse(SourceFile{"t.py", "x = -2 ** 2\n"});
  ASSERT_TRUE(m.ok()) << m.status();
  const Expr& value = *m->body[0]->value;
  ASSERT_EQ(value.kind, Expr::Kind::kUnary);  // -(2 ** 2)
  EXPECT_EQ(value.items[0]->kind, Expr::Kind::kBinary);
  EXPECT_EQ(value.items[0]->binary_op, BinaryOp::kPow);
}

TEST(ParserTest, ChainedComparisonKeepsAllOperators) {
  absl::StatusOr<Module> m = Parse(SourceFile{"t.py", "a < b <= c != d\n"});
  ASSERT_TRUE(m.ok()) << m.status();
  const Expr& e = *m->body[0]->value;
  ASSERT_EQ(e.kind, Expr::Kind::kCompare);
  EXPECT_EQ(e.compare_ops.size(), 3u);
  EXPECT_EQ(e.items.size(), 4u);
}

TEST(ParserTest, ElifNestsInOrelse) {
  absl::StatusOr<Module> m =
      Parse(SourceFile{"t.py", "if a:\n  x\nelif b:\n  y\nelse:\n  z\n"});
  ASSERT_TRUE(m.ok()) << m.status();
  const Stmt& s = *m->body[0];
  ASSERT_EQ(s.orelse.size(), 1u);
  EXPECT_EQ(s.orelse[0]->kind, Stmt::Kind::kIf);
  EXPECT_EQ(s.orelse[0]->orelse.size(), 1u);
}

TEST(ParserTest, RefusesWithPosition) {
  EXPECT_EQ(ErrorOf("x = 1\nwith a:\n  pass\n"),
            "t.py:2:1: with statements are not supported by pyjit's Python subset");
  EXPECT_EQ(ErrorOf("x = [i for i in y if]\n"), "t.py:1:21: invalid syntax at ']'");
  EXPECT_EQ(ErrorOf("def f(a=1, b):\n  pass\n"),
            "t.py:1:12: non-default argument follows default argument");
}

TEST(CompilerTest, FunctionLocalsAreResolvedBeforeUse) {
  absl::StatusOr<Program> p =
      CompileSource(SourceFile{"t.py", "g = 1\ndef f(a):\n  b = a + g\n  return b\n"});
  ASSERT_TRUE(p.ok()) << p.status();
  const CodeObject& f = *p->module_code->children[0];
  EXPECT_EQ(f.nparams, 1);
  EXPECT_EQ(f.local_names, (std::vector<std::string>{"a", "b"}));
  bool loads_global = false;
  for (const Instr& in : f.code) loads_global |= in.op == Op::LOAD_GLOBAL;
  EXPECT_TRUE(loads_global);
}

TEST(CompilerTest, LoopsHaveBackwardJumps) {
  absl::StatusOr<Program> p =
      CompileSource(SourceFile{"t.py", "i = 0\nwhile i < 3:\n  i += 1\n"});
  ASSERT_TRUE(p.ok()) << p.status();
  const CodeObject& code = *p->module_code;
  int backward = 0;
  for (size_t pc = 0; pc < code.code.size(); ++pc) {
    if (code.code[pc].op == Op::JUMP_BACKWARD) {
      ++backward;
      EXPECT_LT(code.code[pc].arg, static_cast<int>(pc));
    }
  }
  EXPECT_EQ(backward, 1);
  EXPECT_EQ(code.backedge_counts.size(), code.code.size());
}

TEST(CompilerTest, MaxStackCoversDeepestExpression) {
  absl::StatusOr<Program> p = CompileSource(SourceFile{"t.py", "x = [1, 2, [3, 4, 5]]\n"});
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->module_code->max_stack, 5);
}

TEST(CompilerTest, SyntaxErrorsPythonReportsAtCompileTime) {
  EXPECT_EQ(ErrorOf("continue\n"), "t.py:1:1: 'continue' not properly in loop");
  EXPECT_EQ(ErrorOf("def f(a):\n  global a\n"), "t.py:1:1: name 'a' is parameter and global");
}

}  // namespace
}  // namespace pyjit
