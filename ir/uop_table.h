/* The one definition of every tier-2 uop: name, stack effect, operand kinds
 * and flags. Everything else (the enum, the printer and parser, the verifier,
 * the optimizer's knowledge, every backend's dispatch) is generated from or
 * checked against this list. Each uop's semantics is the C function
 * pj_uop_<NAME> in uop_bodies.h.
 *
 * X(NAME, POPS, PUSHES, KINDS, FLAGS): POPS and PUSHES are expressions in
 * `oparg`. KINDS says which fields the uop uses:
 *   PJ_K_OPARG   a 32-bit argument (a slot, a count, an operator)
 *   PJ_K_OPERAND a 64-bit operand (a constant's payload, a pointer)
 *   PJ_K_EXIT    an exit target: the bytecode index tier 1 resumes at
 * FLAGS:
 *   PJ_F_GUARD      only checks; the stack is unchanged
 *   PJ_F_EXIT       may leave the trace through its exit target
 *   PJ_F_EXIT_POP   ...after popping its input (branches, exhausted loops)
 *   PJ_F_ESCAPES    calls into the runtime, which may allocate or run
 *                   Python code: the executor stores the uop's pc in the
 *                   frame first, for tracebacks
 *   PJ_F_ERROR      may raise
 *   PJ_F_PURE       no effect but on its stack outputs
 *   PJ_F_TERMINAL   ends the trace
 */
#ifndef PYJIT_IR_UOP_TABLE_H_
#define PYJIT_IR_UOP_TABLE_H_

#define PJ_K_OPARG 1
#define PJ_K_OPERAND 2
#define PJ_K_EXIT 4

#define PJ_F_GUARD 1
#define PJ_F_EXIT 2
#define PJ_F_EXIT_POP 4
#define PJ_F_ESCAPES 8
#define PJ_F_ERROR 16
#define PJ_F_PURE 32
#define PJ_F_TERMINAL 64

#define PJ_UOPS(X)                                                                        \
  X(NOP, 0, 0, 0, PJ_F_PURE)                                                              \
  /* locals, constants, globals and the stack */                                          \
  X(LOAD_FAST, 0, 1, PJ_K_OPARG | PJ_K_EXIT, PJ_F_EXIT) /* exits if unbound */            \
  X(LOAD_FAST_BOUND, 0, 1, PJ_K_OPARG, PJ_F_PURE) /* one the optimizer proved bound */      \
  X(STORE_FAST, 1, 0, PJ_K_OPARG, 0)                                                      \
  /* a closure's variable: the local slot holds its cell */                               \
  X(LOAD_DEREF, 0, 1, PJ_K_OPARG | PJ_K_EXIT, PJ_F_EXIT) /* exits if unbound */           \
  X(STORE_DEREF, 1, 0, PJ_K_OPARG, 0)                                                     \
  X(LOAD_CONST, 0, 1, PJ_K_OPARG | PJ_K_OPERAND, PJ_F_PURE) /* oparg: tag; operand: payload */ \
  X(LOAD_GLOBAL, 0, 1, PJ_K_OPARG | PJ_K_EXIT, PJ_F_EXIT) /* exits if unbound */          \
  /* a builtin, while no global of its name exists; operand: the builtin */               \
  X(LOAD_GLOBAL_BUILTIN, 0, 1, PJ_K_OPARG | PJ_K_OPERAND | PJ_K_EXIT, PJ_F_EXIT)          \
  X(STORE_GLOBAL, 1, 0, PJ_K_OPARG, 0)                                                    \
  X(POP_TOP, 1, 0, 0, PJ_F_PURE)                                                          \
  X(COPY, oparg, oparg + 1, PJ_K_OPARG, PJ_F_PURE)                                        \
  X(SWAP, oparg, oparg, PJ_K_OPARG, PJ_F_PURE)                                            \
  /* type guards */                                                                       \
  X(GUARD_BOTH_INT, 2, 2, PJ_K_EXIT, PJ_F_GUARD | PJ_F_EXIT)                              \
  X(GUARD_BOTH_FLOAT, 2, 2, PJ_K_EXIT, PJ_F_GUARD | PJ_F_EXIT)                            \
  X(GUARD_TOS_INT, 1, 1, PJ_K_EXIT, PJ_F_GUARD | PJ_F_EXIT)                               \
  X(GUARD_NOS_LIST, 2, 2, PJ_K_EXIT, PJ_F_GUARD | PJ_F_EXIT)                              \
  X(GUARD_NOS_DICT, 2, 2, PJ_K_EXIT, PJ_F_GUARD | PJ_F_EXIT)                              \
  X(GUARD_TOS_STR, 1, 1, PJ_K_EXIT, PJ_F_GUARD | PJ_F_EXIT)                               \
  X(GUARD_TOS_FLOAT, 1, 1, PJ_K_EXIT, PJ_F_GUARD | PJ_F_EXIT)                             \
  X(GUARD_FLOAT_INT, 2, 2, PJ_K_EXIT, PJ_F_GUARD | PJ_F_EXIT) /* second float, top int */ \
  X(GUARD_INT_FLOAT, 2, 2, PJ_K_EXIT, PJ_F_GUARD | PJ_F_EXIT) /* second int, top float */ \
  /* specialized arithmetic; the int ones exit on overflow */                             \
  X(BINARY_OP_ADD_INT, 2, 1, PJ_K_EXIT, PJ_F_EXIT)                                        \
  X(BINARY_OP_SUB_INT, 2, 1, PJ_K_EXIT, PJ_F_EXIT)                                        \
  X(BINARY_OP_MUL_INT, 2, 1, PJ_K_EXIT, PJ_F_EXIT)                                        \
  /* floor division and modulo exit on a zero divisor (and // on INT64_MIN // -1) */      \
  X(BINARY_OP_FLOORDIV_INT, 2, 1, PJ_K_EXIT, PJ_F_EXIT)                                   \
  X(BINARY_OP_MOD_INT, 2, 1, PJ_K_EXIT, PJ_F_EXIT)                                        \
  X(BINARY_OP_AND_INT, 2, 1, 0, PJ_F_PURE)                                                \
  X(BINARY_OP_OR_INT, 2, 1, 0, PJ_F_PURE)                                                 \
  X(BINARY_OP_XOR_INT, 2, 1, 0, PJ_F_PURE)                                                \
  X(BINARY_OP_ADD_FLOAT, 2, 1, 0, PJ_F_PURE)                                              \
  X(BINARY_OP_SUB_FLOAT, 2, 1, 0, PJ_F_PURE)                                              \
  X(BINARY_OP_MUL_FLOAT, 2, 1, 0, PJ_F_PURE)                                              \
  X(BINARY_OP_TRUEDIV_FLOAT, 2, 1, PJ_K_EXIT, PJ_F_EXIT) /* exits on a zero divisor */    \
  /* a float and a small int: the int converted to float first, as CPython */             \
  /* does (PJ_UOP_MIXED_FLOAT below); FLOAT_INT: the int on top */                        \
  X(BINARY_OP_ADD_FLOAT_INT, 2, 1, 0, PJ_F_PURE)                                          \
  X(BINARY_OP_SUB_FLOAT_INT, 2, 1, 0, PJ_F_PURE)                                          \
  X(BINARY_OP_MUL_FLOAT_INT, 2, 1, 0, PJ_F_PURE)                                          \
  X(BINARY_OP_TRUEDIV_FLOAT_INT, 2, 1, PJ_K_EXIT, PJ_F_EXIT)                              \
  X(BINARY_OP_ADD_INT_FLOAT, 2, 1, 0, PJ_F_PURE)                                          \
  X(BINARY_OP_SUB_INT_FLOAT, 2, 1, 0, PJ_F_PURE)                                          \
  X(BINARY_OP_MUL_INT_FLOAT, 2, 1, 0, PJ_F_PURE)                                          \
  X(BINARY_OP_TRUEDIV_INT_FLOAT, 2, 1, PJ_K_EXIT, PJ_F_EXIT)                              \
  X(UNARY_NEGATIVE_INT, 1, 1, PJ_K_EXIT, PJ_F_EXIT) /* exits on INT64_MIN (a big int) */  \
  X(UNARY_NEGATIVE_FLOAT, 1, 1, 0, PJ_F_PURE)                                             \
  X(COMPARE_INT, 2, 1, PJ_K_OPARG, PJ_F_PURE)   /* oparg: CompareOp < is */               \
  X(COMPARE_FLOAT, 2, 1, PJ_K_OPARG, PJ_F_PURE)                                           \
  /* list items with a bounds check that exits (tier 1 raises IndexError) */              \
  X(BINARY_SUBSCR_LIST_INT, 2, 1, PJ_K_EXIT, PJ_F_EXIT)                                   \
  X(STORE_SUBSCR_LIST_INT, 3, 0, PJ_K_EXIT, PJ_F_EXIT)                                    \
  /* a dict's items by a str or int key, after GUARD_NOS_DICT and the key's */             \
  /* guard: the probe without the generic dispatch (KeyError raised here) */                \
  X(BINARY_SUBSCR_DICT, 2, 1, 0, PJ_F_ESCAPES | PJ_F_ERROR)                                \
  X(STORE_SUBSCR_DICT, 3, 0, 0, PJ_F_ESCAPES | PJ_F_ERROR)                                 \
  /* generic operations: the runtime's slow paths */                                      \
  X(BINARY_OP, 2, 1, PJ_K_OPARG, PJ_F_ESCAPES | PJ_F_ERROR)                               \
  X(UNARY_OP, 1, 1, PJ_K_OPARG, PJ_F_ESCAPES | PJ_F_ERROR)                                \
  X(COMPARE_OP, 2, 1, PJ_K_OPARG, PJ_F_ESCAPES | PJ_F_ERROR)                              \
  X(BINARY_SUBSCR, 2, 1, 0, PJ_F_ESCAPES | PJ_F_ERROR)                                    \
  X(STORE_SUBSCR, 3, 0, 0, PJ_F_ESCAPES | PJ_F_ERROR)                                     \
  X(BINARY_SLICE, 4, 1, 0, PJ_F_ESCAPES | PJ_F_ERROR)                                     \
  X(BUILD_LIST, oparg, 1, PJ_K_OPARG, PJ_F_ESCAPES)                                       \
  X(BUILD_TUPLE, oparg, 1, PJ_K_OPARG, PJ_F_ESCAPES)                                      \
  /* an f-string's: the oparg strs joined; one field formatted (oparg: PjFormatFlags,    \
   * whose 4 is PJ_FORMAT_HAS_SPEC: a spec above the value) */                            \
  X(BUILD_STRING, oparg, 1, PJ_K_OPARG, PJ_F_ESCAPES)                                     \
  /* dicts: oparg key-value pairs; a comprehension's add, the dict oparg deep below them; \
   * del container[index] */                                                              \
  X(BUILD_MAP, 2 * (oparg), 1, PJ_K_OPARG, PJ_F_ESCAPES | PJ_F_ERROR)                      \
  X(MAP_ADD, oparg + 2, oparg, PJ_K_OPARG, PJ_F_ESCAPES | PJ_F_ERROR)                      \
  X(BUILD_SET, oparg, 1, PJ_K_OPARG, PJ_F_ESCAPES | PJ_F_ERROR)                            \
  X(SET_ADD, oparg + 1, oparg, PJ_K_OPARG, PJ_F_ESCAPES | PJ_F_ERROR)                      \
  X(DELETE_SUBSCR, 2, 0, 0, PJ_F_ESCAPES | PJ_F_ERROR)                                     \
  X(FORMAT_VALUE, ((oparg) & 4 ? 2 : 1), 1, PJ_K_OPARG, PJ_F_ESCAPES | PJ_F_ERROR)        \
  X(LIST_APPEND, oparg + 1, oparg, PJ_K_OPARG, PJ_F_ESCAPES) /* the list is oparg deep */ \
  X(UNPACK_SEQUENCE, 1, oparg, PJ_K_OPARG, PJ_F_ESCAPES | PJ_F_ERROR)                     \
  X(LOAD_ATTR, 1, 1, PJ_K_OPARG, PJ_F_ESCAPES | PJ_F_ERROR) /* oparg: name index */       \
  /* a call's callee, oparg arguments below the top: a function of one code   \
   * (operand: its CodeObject) with room for PJ_MAX_INLINE_DEPTH frames, as an \
   * inlined call needs; or one builtin (operand: its object) */              \
  X(GUARD_CALLEE_CODE, oparg + 1, oparg + 1, PJ_K_OPARG | PJ_K_OPERAND | PJ_K_EXIT,        \
    PJ_F_GUARD | PJ_F_EXIT)                                                                 \
  X(GUARD_CALLEE_BUILTIN, oparg + 1, oparg + 1, PJ_K_OPARG | PJ_K_OPERAND | PJ_K_EXIT,     \
    PJ_F_GUARD | PJ_F_EXIT)                                                                 \
  /* builtins inline, after GUARD_CALLEE_BUILTIN: len() of a list, str or tuple, abs() of  \
   * an int or float; they exit (the call untouched) on any other argument or an overflow */ \
  X(CALL_LEN, 2, 1, PJ_K_EXIT, PJ_F_EXIT)                                                 \
  X(CALL_ABS, 2, 1, PJ_K_EXIT, PJ_F_EXIT)                                                 \
  /* a module's method, oparg arguments below the top: that module (operand: its object) */ \
  X(GUARD_MODULE_IS, oparg + 1, oparg + 1, PJ_K_OPARG | PJ_K_OPERAND | PJ_K_EXIT,          \
    PJ_F_GUARD | PJ_F_EXIT)                                                                 \
  /* after GUARD_MODULE_IS: math's sqrt, sin or cos (oparg: PjMathFunction) of an int or \
   * float, inline; exits (the call untouched) on any other argument or a domain error */  \
  X(CALL_MATH_FLOAT, 2, 1, PJ_K_OPARG | PJ_K_EXIT, PJ_F_EXIT)                             \
  X(CALL, oparg + 1, 1, PJ_K_OPARG, PJ_F_ESCAPES | PJ_F_ERROR) /* oparg: arguments */     \
  /* after GUARD_CALLEE_BUILTIN(range): range() of oparg (1 to 3) small ints and the    \
   * GET_ITER after it, in one: the iterator, no range object; exits (the call          \
   * untouched) on any other argument and a zero step */                                 \
  X(CALL_RANGE_ITER, oparg + 1, 1, PJ_K_OPARG | PJ_K_EXIT, PJ_F_EXIT)                     \
  /* operand: the method's name index */                                                  \
  X(CALL_METHOD, oparg + 1, 1, PJ_K_OPARG | PJ_K_OPERAND, PJ_F_ESCAPES | PJ_F_ERROR)      \
  /* branches: pop the condition; exit if it is not the one traced */                     \
  X(GUARD_TRUE_POP, 1, 0, PJ_K_EXIT, PJ_F_GUARD | PJ_F_EXIT | PJ_F_EXIT_POP)              \
  X(GUARD_FALSE_POP, 1, 0, PJ_K_EXIT, PJ_F_GUARD | PJ_F_EXIT | PJ_F_EXIT_POP)             \
  /* loops: the iterator stays below the item; exhaustion pops it and exits */            \
  X(GET_ITER, 1, 1, 0, PJ_F_ESCAPES | PJ_F_ERROR)                                         \
  X(GUARD_ITER_RANGE, 1, 1, PJ_K_EXIT, PJ_F_GUARD | PJ_F_EXIT)                            \
  X(ITER_NEXT_RANGE, 1, 2, PJ_K_EXIT, PJ_F_EXIT | PJ_F_EXIT_POP)                          \
  X(GUARD_ITER_LIST, 1, 1, PJ_K_EXIT, PJ_F_GUARD | PJ_F_EXIT)                             \
  X(ITER_NEXT_LIST, 1, 2, PJ_K_EXIT, PJ_F_EXIT | PJ_F_EXIT_POP)                           \
  X(FOR_ITER, 1, 2, PJ_K_EXIT, PJ_F_ESCAPES | PJ_F_EXIT | PJ_F_EXIT_POP | PJ_F_ERROR)     \
  /* the end: loop (exiting to the back edge when the collector wants to run) or leave */ \
  X(JUMP_TO_TOP, 0, 0, PJ_K_EXIT, PJ_F_EXIT | PJ_F_TERMINAL)                              \
  X(EXIT_TRACE, 0, 0, PJ_K_EXIT, PJ_F_EXIT | PJ_F_TERMINAL)

/* What each uop's oparg means, so that the verifier range-checks every one
 * (ir_test fails when a uop that takes an oparg is missing here):
 *   FormatFlags   runtime/ops.h's PjFormatFlags
 *   Local         a local slot of the trace's code
 *   Tag           a value tag (LOAD_CONST's constant)
 *   Global        a global slot
 *   StackDepth    a depth into the stack, 1 the top
 *   Count         a number of stack values
 *   OrderCompare  one of runtime/order_compares.h's six comparisons
 *   BinaryOp, UnaryOp, CompareOp  the runtime's operator enums
 *   Name          an index into the code's names */
#define PJ_UOP_OPARGS(X)          \
  X(LOAD_FAST, Local)             \
  X(LOAD_FAST_BOUND, Local)       \
  X(STORE_FAST, Local)            \
  X(LOAD_DEREF, Local)            \
  X(STORE_DEREF, Local)           \
  X(LOAD_CONST, Tag)              \
  X(LOAD_GLOBAL, Global)          \
  X(LOAD_GLOBAL_BUILTIN, Global)  \
  X(STORE_GLOBAL, Global)         \
  X(COPY, StackDepth)             \
  X(SWAP, StackDepth)             \
  X(COMPARE_INT, OrderCompare)    \
  X(COMPARE_FLOAT, OrderCompare)  \
  X(BINARY_OP, BinaryOp)          \
  X(UNARY_OP, UnaryOp)            \
  X(COMPARE_OP, CompareOp)        \
  X(BUILD_LIST, Count)            \
  X(BUILD_TUPLE, Count)           \
  X(BUILD_STRING, Count)          \
  X(BUILD_MAP, Count)             \
  X(MAP_ADD, StackDepth)          \
  X(BUILD_SET, Count)             \
  X(SET_ADD, StackDepth)          \
  X(FORMAT_VALUE, FormatFlags)    \
  X(LIST_APPEND, StackDepth)      \
  X(UNPACK_SEQUENCE, Count)       \
  X(LOAD_ATTR, Name)              \
  X(GUARD_CALLEE_CODE, Count)     \
  X(GUARD_CALLEE_BUILTIN, Count)  \
  X(GUARD_MODULE_IS, Count)       \
  X(CALL_MATH_FLOAT, MathFunction) \
  X(CALL, Count)                  \
  X(CALL_RANGE_ITER, Count)       \
  X(CALL_METHOD, Count)

/* What uops tell about value tags, for type propagation (ir/tag_facts.h,
 * which the optimizer and the asmjit emitter both use):
 * X(NAME, RESULT, TOP, SECOND): the tag of the uop's last result, and the
 * tags its guard proves of the top and the second stack entry; -1 where it
 * says nothing. A uop not listed says nothing about tags. */
#define PJ_UOP_TYPE_FACTS(X)                                    \
  X(GUARD_BOTH_INT, -1, PJ_TAG_INT, PJ_TAG_INT)                 \
  X(GUARD_BOTH_FLOAT, -1, PJ_TAG_FLOAT, PJ_TAG_FLOAT)           \
  X(GUARD_TOS_INT, -1, PJ_TAG_INT, -1)                          \
  X(GUARD_NOS_LIST, -1, -1, PJ_TAG_LIST)                        \
  X(GUARD_NOS_DICT, -1, -1, PJ_TAG_DICT)                        \
  X(GUARD_TOS_STR, -1, PJ_TAG_STR, -1)                          \
  X(GUARD_TOS_FLOAT, -1, PJ_TAG_FLOAT, -1)                      \
  X(GUARD_FLOAT_INT, -1, PJ_TAG_INT, PJ_TAG_FLOAT)              \
  X(GUARD_INT_FLOAT, -1, PJ_TAG_FLOAT, PJ_TAG_INT)              \
  X(GUARD_ITER_RANGE, -1, PJ_TAG_RANGE_ITER, -1)                \
  X(GUARD_ITER_LIST, -1, PJ_TAG_SEQ_ITER, -1)                   \
  X(BINARY_OP_ADD_INT, PJ_TAG_INT, -1, -1)                      \
  X(BINARY_OP_SUB_INT, PJ_TAG_INT, -1, -1)                      \
  X(BINARY_OP_MUL_INT, PJ_TAG_INT, -1, -1)                      \
  X(BINARY_OP_FLOORDIV_INT, PJ_TAG_INT, -1, -1)                 \
  X(BINARY_OP_MOD_INT, PJ_TAG_INT, -1, -1)                      \
  X(BINARY_OP_AND_INT, PJ_TAG_INT, -1, -1)                      \
  X(BINARY_OP_OR_INT, PJ_TAG_INT, -1, -1)                       \
  X(BINARY_OP_XOR_INT, PJ_TAG_INT, -1, -1)                      \
  X(BINARY_OP_ADD_FLOAT, PJ_TAG_FLOAT, -1, -1)                  \
  X(BINARY_OP_SUB_FLOAT, PJ_TAG_FLOAT, -1, -1)                  \
  X(BINARY_OP_MUL_FLOAT, PJ_TAG_FLOAT, -1, -1)                  \
  X(BINARY_OP_TRUEDIV_FLOAT, PJ_TAG_FLOAT, -1, -1)              \
  X(BINARY_OP_ADD_FLOAT_INT, PJ_TAG_FLOAT, -1, -1)              \
  X(BINARY_OP_SUB_FLOAT_INT, PJ_TAG_FLOAT, -1, -1)              \
  X(BINARY_OP_MUL_FLOAT_INT, PJ_TAG_FLOAT, -1, -1)              \
  X(BINARY_OP_TRUEDIV_FLOAT_INT, PJ_TAG_FLOAT, -1, -1)          \
  X(BINARY_OP_ADD_INT_FLOAT, PJ_TAG_FLOAT, -1, -1)              \
  X(BINARY_OP_SUB_INT_FLOAT, PJ_TAG_FLOAT, -1, -1)              \
  X(BINARY_OP_MUL_INT_FLOAT, PJ_TAG_FLOAT, -1, -1)              \
  X(BINARY_OP_TRUEDIV_INT_FLOAT, PJ_TAG_FLOAT, -1, -1)          \
  X(UNARY_NEGATIVE_INT, PJ_TAG_INT, -1, -1)                     \
  X(UNARY_NEGATIVE_FLOAT, PJ_TAG_FLOAT, -1, -1)                 \
  X(COMPARE_INT, PJ_TAG_BOOL, -1, -1)                           \
  X(COMPARE_FLOAT, PJ_TAG_BOOL, -1, -1)                         \
  X(CALL_LEN, PJ_TAG_INT, -1, -1)                               \
  X(CALL_MATH_FLOAT, PJ_TAG_FLOAT, -1, -1)                      \
  X(CALL_RANGE_ITER, PJ_TAG_RANGE_ITER, -1, -1)                 \
  X(BUILD_LIST, PJ_TAG_LIST, -1, -1)                            \
  X(BUILD_TUPLE, PJ_TAG_TUPLE, -1, -1)                          \
  X(BUILD_STRING, PJ_TAG_STR, -1, -1)                           \
  X(BUILD_MAP, PJ_TAG_DICT, -1, -1)                             \
  X(BUILD_SET, PJ_TAG_SET, -1, -1)                              \
  X(FORMAT_VALUE, PJ_TAG_STR, -1, -1)                           \
  X(ITER_NEXT_RANGE, PJ_TAG_INT, -1, -1)

/* The float operators with one small-int operand, for the uop bodies and
 * the backends that emit them inline (so that they cannot disagree):
 * X(NAME, FLOAT_UOP, C_OP, INT_SIDE, DIVIDES): what FLOAT_UOP computes,
 * with the operand INT_SIDE deep (1 the top, 2 the second) an int converted
 * to double first, correctly rounded as CPython's int-to-float conversion
 * is; DIVIDES: exits on a zero divisor (tier 1 raises ZeroDivisionError). */
#define PJ_UOP_MIXED_FLOAT(X)                                                  \
  X(BINARY_OP_ADD_FLOAT_INT, BINARY_OP_ADD_FLOAT, +, 1, 0)                     \
  X(BINARY_OP_SUB_FLOAT_INT, BINARY_OP_SUB_FLOAT, -, 1, 0)                     \
  X(BINARY_OP_MUL_FLOAT_INT, BINARY_OP_MUL_FLOAT, *, 1, 0)                     \
  X(BINARY_OP_TRUEDIV_FLOAT_INT, BINARY_OP_TRUEDIV_FLOAT, /, 1, 1)             \
  X(BINARY_OP_ADD_INT_FLOAT, BINARY_OP_ADD_FLOAT, +, 2, 0)                     \
  X(BINARY_OP_SUB_INT_FLOAT, BINARY_OP_SUB_FLOAT, -, 2, 0)                     \
  X(BINARY_OP_MUL_INT_FLOAT, BINARY_OP_MUL_FLOAT, *, 2, 0)                     \
  X(BINARY_OP_TRUEDIV_INT_FLOAT, BINARY_OP_TRUEDIV_FLOAT, /, 2, 1)

/* Calls inlined one in another, at most (GUARD_CALLEE_CODE checks room for
 * this many frames). */
#define PJ_MAX_INLINE_DEPTH 3

/* What a uop body returns. */
#define PJ_UOP_NEXT 0  /* go on with the next uop */
#define PJ_UOP_EXIT 1  /* leave through the uop's exit target */
#define PJ_UOP_ERROR 2 /* an exception is pending */
#define PJ_UOP_LOOP 3  /* JUMP_TO_TOP: start the trace again */

#endif /* PYJIT_IR_UOP_TABLE_H_ */
