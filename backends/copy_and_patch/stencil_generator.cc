// Reads the object file clang-19 made from stencils.c, with LLVM's object
// library, and writes stencils.cc: for every uop of ir/uop_table.h (in
// table order) and for the trampoline, the stencil's code bytes and its
// holes. Runs as a Bazel action.
//
//   stencil_generator stencils.o > stencils.cc
//
// Fails (and so fails the build) on a uop without a stencil, a relocation
// kind the patcher does not know, or a stencil that uses writable data.
#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "ir/uop_table.h"
#include "llvm/BinaryFormat/ELF.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Object/ObjectFile.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

namespace {

using llvm::object::ObjectFile;
using llvm::object::SectionRef;

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "stencil_generator: %s\n", message.c_str());
  std::exit(1);
}

template <typename T>
T Check(llvm::Expected<T> value, const std::string& what) {
  if (!value) Die(what + ": " + llvm::toString(value.takeError()));
  return std::move(*value);
}

struct HoleOut {
  uint64_t offset;
  std::string kind;   // HoleKind enumerator
  std::string value;  // HoleValue enumerator
  int64_t addend;
  std::string symbol;  // for kSymbol
};

struct StencilOut {
  std::vector<uint8_t> code;
  std::vector<HoleOut> holes;
  // The bytes before a jump to the next stencil that ends the code, when
  // one does (the next stencil can start there instead); else the size.
  size_t size_before_tail_jump = 0;
  // The largest alignment its data sections (constants copied along after
  // the code) need; 1 when it has none, so it may start anywhere.
  uint64_t data_alignment = 1;
};

// A stencil that ends by jumping to the next one (`jmp _JIT_CONTINUE`,
// E9 and a 32-bit displacement: the medium code model's tail call) can
// leave that jump out when the next stencil is placed where it was.
void FindTailJump(StencilOut& s) {
  s.size_before_tail_jump = s.code.size();
  for (const HoleOut& h : s.holes) {
    if (h.value == "kContinue" && h.kind == "kPc32" && h.offset >= 1 &&
        h.offset + 4 == s.code.size() && s.code[h.offset - 1] == 0xE9) {
      s.size_before_tail_jump = h.offset - 1;
    }
  }
}

class Generator {
 public:
  explicit Generator(const ObjectFile& obj) : obj_(obj) {
    for (const SectionRef& rel_section : obj_.sections()) {
      auto target = Check(rel_section.getRelocatedSection(), "relocated section");
      if (target == obj_.section_end()) continue;
      for (const auto& rel : rel_section.relocations()) {
        relocations_[target->getIndex()].push_back(rel);
      }
    }
    for (const auto& symbol : obj_.symbols()) {
      std::string name = Check(symbol.getName(), "symbol name").str();
      if (name.rfind("pj_stencil_", 0) != 0) continue;
      auto section = Check(symbol.getSection(), "symbol section");
      if (section == obj_.section_end()) Die("stencil " + name + " is not defined");
      if (Check(symbol.getValue(), "symbol value") != 0) {
        Die(name + " does not start its section: compile with -ffunction-sections");
      }
      stencil_sections_[name.substr(11)] = *section;
    }
  }

  StencilOut Build(const std::string& name) {
    auto it = stencil_sections_.find(name);
    if (it == stencil_sections_.end()) Die("no stencil for uop " + name);
    StencilOut out;
    std::map<uint64_t, uint64_t> placed;  // section index -> offset in code
    std::vector<SectionRef> work = {it->second};
    Place(it->second, out, placed);
    while (!work.empty()) {
      SectionRef section = work.back();
      work.pop_back();
      uint64_t base = placed[section.getIndex()];
      for (const auto& rel : relocations_[section.getIndex()]) {
        uint64_t type = rel.getType();
        std::string kind;
        switch (type) {
          case llvm::ELF::R_X86_64_64: kind = "kAbs64"; break;
          case llvm::ELF::R_X86_64_PC32:
          case llvm::ELF::R_X86_64_PLT32: kind = "kPc32"; break;
          case llvm::ELF::R_X86_64_32: kind = "kAbs32"; break;
          case llvm::ELF::R_X86_64_32S: kind = "kAbs32S"; break;
          default: {
            llvm::SmallString<32> type_name;
            rel.getTypeName(type_name);
            Die("stencil " + name + ": relocation " + type_name.str().str() +
                " is not one the patcher knows");
          }
        }
        int64_t addend = Check(llvm::object::ELFRelocationRef(rel).getAddend(), "addend");
        auto symbol = rel.getSymbol();
        std::string sym_name = Check(symbol->getName(), "relocation symbol").str();
        auto target = Check(symbol->getSection(), "relocation target");
        HoleOut hole{base + rel.getOffset(), kind, "", addend, ""};
        if (target == obj_.section_end()) {  // undefined: a hole or the runtime
          static const std::map<std::string, std::string> kHoleSymbols = {
              {"_JIT_OPARG", "kOparg"},       {"_JIT_OPERAND", "kOperand"},
              {"_JIT_PC", "kPc"},             {"_JIT_INDEX", "kIndex"},
              {"_JIT_NLOCALS", "kNlocals"},   {"_JIT_CONTINUE", "kContinue"},
              {"_JIT_TOP", "kTop"},           {"_JIT_EXIT_LINKS", "kExitLinks"}};
          auto h = kHoleSymbols.find(sym_name);
          if (h != kHoleSymbols.end()) {
            hole.value = h->second;
          } else {
            hole.value = "kSymbol";
            hole.symbol = sym_name;
            symbols_.insert(sym_name);
          }
        } else {  // another section of the object: copied along
          if (!placed.count(target->getIndex())) {
            Place(*target, out, placed);
            work.push_back(*target);
          }
          hole.value = "kStencil";
          hole.addend = static_cast<int64_t>(placed[target->getIndex()]) +
                        static_cast<int64_t>(Check(symbol->getValue(), "value")) + addend;
        }
        out.holes.push_back(hole);
      }
    }
    FindTailJump(out);
    return out;
  }

  const std::set<std::string>& symbols() const { return symbols_; }

 private:
  void Place(const SectionRef& section, StencilOut& out, std::map<uint64_t, uint64_t>& placed) {
    if (section.isBSS() || (llvm::object::ELFSectionRef(section).getFlags() & llvm::ELF::SHF_WRITE)) {
      Die("a stencil uses writable data (" + Check(section.getName(), "name").str() +
          "): stencils must be pure code and constants");
    }
    uint64_t align = section.getAlignment().value();
    if (!out.code.empty()) out.data_alignment = std::max(out.data_alignment, align);
    while (out.code.size() % align != 0) out.code.push_back(0);
    placed[section.getIndex()] = out.code.size();
    llvm::StringRef bytes = Check(section.getContents(), "section contents");
    out.code.insert(out.code.end(), bytes.begin(), bytes.end());
  }

  const ObjectFile& obj_;
  std::map<uint64_t, std::vector<llvm::object::RelocationRef>> relocations_;
  std::map<std::string, SectionRef> stencil_sections_;
  std::set<std::string> symbols_;
};

void Emit(llvm::raw_ostream& os, const std::string& id, const StencilOut& s) {
  os << "const uint8_t kCode_" << id << "[] = {";
  for (size_t i = 0; i < s.code.size(); ++i) {
    if (i % 16 == 0) os << "\n   ";
    os << " " << llvm::format_hex(s.code[i], 4) << ",";
  }
  os << "\n};\n";
  os << "const Hole kHoles_" << id << "[] = {\n";
  for (const HoleOut& h : s.holes) {
    os << "    {" << h.offset << ", HoleKind::" << h.kind << ", HoleValue::" << h.value << ", "
       << h.addend << "LL, "
       << (h.symbol.empty() ? std::string("0") : "reinterpret_cast<uintptr_t>(&" + h.symbol + ")")
       << ", \"" << h.symbol << "\"},\n";
  }
  if (s.holes.empty()) os << "    {0, HoleKind::kAbs64, HoleValue::kIndex, 0, 0, \"\"},  // none\n";
  os << "};\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) Die("usage: stencil_generator STENCILS.o > stencils.cc");
  auto binary = Check(ObjectFile::createObjectFile(argv[1]), argv[1]);
  Generator gen(*binary.getBinary());

  static const char* const kUopNames[] = {
#define PJ_UOP_NAME(name, pops, pushes, kinds, flags) #name,
      PJ_UOPS(PJ_UOP_NAME)
#undef PJ_UOP_NAME
  };
  std::vector<std::pair<std::string, StencilOut>> stencils;
  for (const char* name : kUopNames) stencils.emplace_back(name, gen.Build(name));
  StencilOut trampoline = gen.Build("trampoline");

  std::string text;
  llvm::raw_string_ostream os(text);
  os << "// Generated by stencil_generator from " << argv[1] << ". Do not edit.\n"
     << "#include <cstdint>\n\n#include \"backends/copy_and_patch/stencil.h\"\n\n";
  // The runtime functions the stencils call, by address only.
  os << "extern \"C\" {\n";
  for (const std::string& symbol : gen.symbols()) os << "extern char " << symbol << "[];\n";
  os << "}\n\nnamespace pyjit::copy_and_patch {\nnamespace {\n\n";
  for (const auto& [name, s] : stencils) Emit(os, name, s);
  Emit(os, "trampoline", trampoline);
  os << "\n}  // namespace\n\nconst Stencil kUopStencils[] = {\n";
  for (const auto& [name, s] : stencils) {
    os << "    {\"" << name << "\", kCode_" << name << ", sizeof(kCode_" << name << "), kHoles_"
       << name << ", " << s.holes.size() << ", " << s.size_before_tail_jump << ", " << s.data_alignment << "},\n";
  }
  os << "};\nconst size_t kNumUopStencils = " << stencils.size() << ";\n";
  os << "const Stencil kTrampolineStencil = {\"trampoline\", kCode_trampoline, "
        "sizeof(kCode_trampoline), kHoles_trampoline, "
     << trampoline.holes.size() << ", " << trampoline.size_before_tail_jump << ", "
     << trampoline.data_alignment << "};\n\n}  // namespace pyjit::copy_and_patch\n";
  os.flush();
  std::fwrite(text.data(), 1, text.size(), stdout);
  return 0;
}
