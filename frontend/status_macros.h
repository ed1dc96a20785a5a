// Early-return helpers for absl::Status, as in Abseil-based codebases.
#ifndef PYJIT_FRONTEND_STATUS_MACROS_H_
#define PYJIT_FRONTEND_STATUS_MACROS_H_

#define PJ_STATUS_CONCAT_INNER(a, b) a##b
#define PJ_STATUS_CONCAT(a, b) PJ_STATUS_CONCAT_INNER(a, b)

#define PJ_RETURN_IF_ERROR(expr)             \
  do {                                       \
    absl::Status pj_status_ = (expr);        \
    if (!pj_status_.ok()) return pj_status_; \
  } while (0)

#define PJ_ASSIGN_OR_RETURN(lhs, expr) \
  PJ_ASSIGN_OR_RETURN_IMPL(PJ_STATUS_CONCAT(pj_statusor_, __LINE__), lhs, expr)

#define PJ_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                             \
  if (!tmp.ok()) return tmp.status();            \
  lhs = std::move(*tmp)

#endif  // PYJIT_FRONTEND_STATUS_MACROS_H_
