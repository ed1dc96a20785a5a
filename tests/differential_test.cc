// The differential suite: every program under tests/programs runs under
// `pyjit run --backend=NAME` and must do exactly what CPython did (same
// stdout byte for byte, same exit status, same last line on stderr), as
// recorded by make_expected.sh. Every program under tests/refused must be
// refused before it runs with the message its first line names.
//
//   differential_test --pyjit=PATH --backend=NAME [--pyjit-flag=F ...] [gtest flags]
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/runfiles.h"

extern char** environ;

namespace pyjit {
namespace {

std::string g_pyjit;
std::string g_backend = "tier1";
std::vector<std::string> g_pyjit_flags;  // more flags for `pyjit run`
// Why the backend cannot run on this machine (`pyjit backends` says), or
// empty: every test then skips, visibly, with this reason.
std::string g_unavailable;

std::string UnavailableReason(const std::string& pyjit, const std::string& backend) {
  std::string command = "'" + pyjit + "' backends";
  FILE* p = popen(command.c_str(), "r");
  if (p == nullptr) return "";
  std::string output;
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, p) != nullptr) output += buffer;
  pclose(p);
  const std::string prefix = backend + ": unavailable: ";
  size_t at = output.find(prefix);
  if (at == std::string::npos || (at != 0 && output[at - 1] != '\n')) return "";
  size_t end = output.find('\n', at);
  return output.substr(at + prefix.size(), end - at - prefix.size());
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> ProgramNames(const std::string& folder) {
  std::vector<std::string> names;
  std::filesystem::path dir = std::filesystem::path(RunfilesDir()) / "tests" / folder;
  if (!std::filesystem::exists(dir)) return names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".py") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

struct Outcome {
  int exit_status = -1;
  std::string stdout_text;
  std::string stderr_text;
  std::string stats_text;  // --stats-file's report
};

// From the report's "traces made: N" and "compiled by: a N, b M" lines.
int TracesMade(const std::string& stats) {
  size_t at = stats.find("traces made: ");
  return at == std::string::npos ? 0 : std::atoi(stats.c_str() + at + 13);
}
int CompiledBy(const std::string& stats, const std::string& backend) {
  size_t line = stats.find("compiled by: ");
  if (line == std::string::npos) return 0;
  std::string by = stats.substr(line + 13, stats.find('\n', line) - line - 13);
  for (size_t at = by.find(backend + " "); at != std::string::npos;
       at = by.find(backend + " ", at + 1)) {
    if (at == 0 || by[at - 1] == ' ') return std::atoi(by.c_str() + at + backend.size() + 1);
  }
  return 0;
}

// Runs pyjit as a child process, so that a crash is a failed test, not a
// crashed suite.
Outcome RunPyjit(const std::string& program) {
  std::string tmp = std::getenv("TEST_TMPDIR") ? std::getenv("TEST_TMPDIR") : "/tmp";
  std::string out_path = tmp + "/stdout.txt";
  std::string err_path = tmp + "/stderr.txt";
  std::string backend_flag = "--backend=" + g_backend;
  std::string stats_flag = "--stats-file=" + tmp + "/stats.txt";
  std::remove((tmp + "/stats.txt").c_str());
  std::vector<char*> argv = {g_pyjit.data(), const_cast<char*>("run"), backend_flag.data(),
                             stats_flag.data()};
  for (std::string& flag : g_pyjit_flags) argv.push_back(flag.data());
  argv.push_back(const_cast<char*>(program.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid;
  Outcome outcome;
  int rc = posix_spawn(&pid, g_pyjit.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    outcome.stderr_text = "could not start " + g_pyjit;
    return outcome;
  }
  int status = 0;
  waitpid(pid, &status, 0);
  outcome.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  outcome.stdout_text = ReadFile(out_path);
  outcome.stderr_text = ReadFile(err_path);
  outcome.stats_text = ReadFile(tmp + "/stats.txt");
  return outcome;
}

std::string LastLine(const std::string& text) {
  std::string trimmed = text;
  while (!trimmed.empty() && trimmed.back() == '\n') trimmed.pop_back();
  size_t nl = trimmed.rfind('\n');
  return nl == std::string::npos ? trimmed : trimmed.substr(nl + 1);
}

// A traceback as the two runs can agree on it: file paths as their last
// component (CPython's are absolute where the expectation was made; cli_test
// checks pyjit's), and without CPython 3.11's `^^^~~~` marker lines, which
// pyjit does not print.
std::string ComparableTraceback(const std::string& text) {
  std::string out;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    const bool markers_only = line.find_first_not_of(" ^~") == std::string::npos &&
                              line.find_first_of("^~") != std::string::npos;
    if (markers_only) continue;
    const std::string file = "  File \"";
    if (line.rfind(file, 0) == 0) {
      size_t close = line.find('"', file.size());
      size_t slash = line.rfind('/', close);
      if (close != std::string::npos && slash != std::string::npos && slash > file.size()) {
        line = file + line.substr(slash + 1);
      }
    }
    out += line + "\n";
  }
  return out;
}

class ProgramTest : public testing::TestWithParam<std::string> {};

TEST_P(ProgramTest, MatchesCPython) {
  if (!g_unavailable.empty()) GTEST_SKIP() << g_unavailable;
  std::string name = GetParam();
  std::string expected = ReadFile(RunfilesDir() + "/tests/expected/" + name + ".expected");
  ASSERT_FALSE(expected.empty()) << "no CPython expectation for " << name;
  // exit: N \n stderr: LINE \n --- stderr \n STDERR --- stdout \n STDOUT
  size_t line1 = expected.find('\n');
  size_t line2 = expected.find('\n', line1 + 1);
  const std::string stderr_marker = "--- stderr\n", stdout_marker = "\n--- stdout\n";
  ASSERT_EQ(expected.compare(line2 + 1, stderr_marker.size(), stderr_marker), 0);
  size_t stdout_at = expected.find(stdout_marker, line2);
  ASSERT_NE(stdout_at, std::string::npos);
  int expected_exit = std::stoi(expected.substr(6, line1 - 6));
  std::string expected_stderr = expected.substr(line1 + 9, line2 - line1 - 9);
  size_t traceback_at = line2 + 1 + stderr_marker.size();
  std::string expected_traceback =
      expected.substr(traceback_at, stdout_at + 1 - std::min(stdout_at + 1, traceback_at));
  std::string expected_stdout = expected.substr(stdout_at + stdout_marker.size());

  Outcome got = RunPyjit(RunfilesDir() + "/tests/programs/" + name + ".py");
  EXPECT_EQ(got.stdout_text, expected_stdout) << "stdout differs from CPython's";
  EXPECT_EQ(got.exit_status, expected_exit) << "stderr:\n" << got.stderr_text;
  if (expected_exit != 0) {
    EXPECT_EQ(LastLine(got.stderr_text), expected_stderr);
    // A Python error's whole traceback: every frame and line, however much
    // of the program ran compiled.
    if (expected_traceback.rfind("Traceback (most recent call last):\n", 0) == 0) {
      EXPECT_EQ(ComparableTraceback(got.stderr_text), ComparableTraceback(expected_traceback));
    }
  }
  // Tested as itself: a program that made traces must have had some
  // compiled by this suite's backend, not all left to interp (or, for a
  // policy's suite, to another tier) by failed compiles.
  if (g_backend != "tier1" && TracesMade(got.stats_text) > 0) {
    EXPECT_GT(CompiledBy(got.stats_text, g_backend), 0)
        << "traces were made but none was compiled by " << g_backend << ":\n"
        << got.stats_text;
  }
}

INSTANTIATE_TEST_SUITE_P(Programs, ProgramTest, testing::ValuesIn(ProgramNames("programs")),
                         [](const testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

class RefusedTest : public testing::TestWithParam<std::string> {};

TEST_P(RefusedTest, IsRefusedWithPosition) {
  if (!g_unavailable.empty()) GTEST_SKIP() << g_unavailable;
  std::string path = RunfilesDir() + "/tests/refused/" + GetParam() + ".py";
  std::string source = ReadFile(path);
  const std::string marker = "# refused: ";
  ASSERT_EQ(source.rfind(marker, 0), 0u) << "first line must be '" << marker << "LINE:COL: ...'";
  std::string expected = source.substr(marker.size(), source.find('\n') - marker.size());
  Outcome got = RunPyjit(path);
  EXPECT_EQ(got.exit_status, 2);
  EXPECT_EQ(got.stdout_text, "");
  // `{path}` stands for the file's path where the message repeats it.
  for (size_t at = expected.find("{path}"); at != std::string::npos; at = expected.find("{path}")) {
    expected.replace(at, 6, path);
  }
  EXPECT_EQ(LastLine(got.stderr_text), path + ":" + expected);
}

INSTANTIATE_TEST_SUITE_P(Refused, RefusedTest, testing::ValuesIn(ProgramNames("refused")),
                         [](const testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
}  // namespace pyjit

int main(int argc, char** argv) {
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--pyjit=", 0) == 0) {
      pyjit::g_pyjit = arg.substr(8);
    } else if (arg.rfind("--backend=", 0) == 0) {
      pyjit::g_backend = arg.substr(10);
    } else if (arg.rfind("--pyjit-flag=", 0) == 0) {
      pyjit::g_pyjit_flags.push_back(arg.substr(13));
    } else {
      rest.push_back(argv[i]);
    }
  }
  if (pyjit::g_pyjit.empty()) {
    std::fprintf(stderr, "differential_test: --pyjit=PATH is required\n");
    return 2;
  }
  pyjit::g_pyjit = std::filesystem::absolute(pyjit::g_pyjit).string();
  // The backend under test and, for a policy, its optimizing backend: a
  // cell whose second tier is missing skips as a whole.
  std::vector<std::string> needed = {pyjit::g_backend};
  for (const std::string& flag : pyjit::g_pyjit_flags) {
    if (flag.rfind("--optimizing-backend=", 0) == 0) needed.push_back(flag.substr(21));
  }
  for (const std::string& backend : needed) {
    std::string why = pyjit::UnavailableReason(pyjit::g_pyjit, backend);
    if (why.empty()) continue;
    pyjit::g_unavailable = backend + " is unavailable: " + why;
    std::printf("SKIPPED: %s\n", pyjit::g_unavailable.c_str());
    break;
  }
  int n = static_cast<int>(rest.size());
  testing::InitGoogleTest(&n, rest.data());
  return RUN_ALL_TESTS();
}
