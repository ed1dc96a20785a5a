#include "backends/gdb_jit.h"

#include <elf.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <string>

#include "backends/code_map.h"
#include "runtime/code.h"

// GDB's JIT interface, defined by libLLVM (see gdb_jit.h).
extern "C" {
struct jit_code_entry {
  jit_code_entry* next_entry;
  jit_code_entry* prev_entry;
  const char* symfile_addr;
  uint64_t symfile_size;
};
struct jit_descriptor {
  uint32_t version;
  uint32_t action_flag;  // JIT_NOACTION, JIT_REGISTER_FN, JIT_UNREGISTER_FN
  jit_code_entry* relevant_entry;
  jit_code_entry* first_entry;
};
extern jit_descriptor __jit_debug_descriptor;
void __jit_debug_register_code();
}

namespace pyjit {
namespace {

constexpr uint32_t kJitRegister = 1, kJitUnregister = 2;

// Little-endian appends, the byte order of x86-64 and of ELF64 there.
struct Bytes {
  std::string data;
  template <typename T>
  void Put(T value) {
    data.append(reinterpret_cast<const char*>(&value), sizeof value);
  }
  void Uleb(uint64_t v) {
    do {
      uint8_t b = v & 0x7f;
      v >>= 7;
      Put<uint8_t>(v != 0 ? (b | 0x80) : b);
    } while (v != 0);
  }
  void Sleb(int64_t v) {
    for (bool more = true; more;) {
      uint8_t b = v & 0x7f;
      v >>= 7;
      more = !((v == 0 && !(b & 0x40)) || (v == -1 && (b & 0x40)));
      Put<uint8_t>(more ? (b | 0x80) : b);
    }
  }
  void String(const std::string& s) { data.append(s.c_str(), s.size() + 1); }
  size_t size() const { return data.size(); }
};

// DWARF 2: a compile unit whose line program maps each range's first
// address to its source line.
constexpr uint8_t kDwTagCompileUnit = 0x11, kDwAtName = 0x03, kDwAtStmtList = 0x10,
                  kDwAtLowPc = 0x11, kDwAtHighPc = 0x12, kDwFormAddr = 0x01,
                  kDwFormData4 = 0x06, kDwFormString = 0x08;
constexpr uint8_t kDwLnsCopy = 1, kDwLnsAdvanceLine = 3, kDwLneEndSequence = 1,
                  kDwLneSetAddress = 2;

std::string DebugAbbrev() {
  Bytes b;
  b.Uleb(1);
  b.Uleb(kDwTagCompileUnit);
  b.Put<uint8_t>(0);  // no children
  for (auto [at, form] : {std::pair{kDwAtName, kDwFormString}, {kDwAtStmtList, kDwFormData4},
                          {kDwAtLowPc, kDwFormAddr}, {kDwAtHighPc, kDwFormAddr}}) {
    b.Uleb(at);
    b.Uleb(form);
  }
  b.Uleb(0);
  b.Uleb(0);
  b.Uleb(0);  // end of abbreviations
  return b.data;
}

std::string DebugInfo(const std::string& file, uint64_t low, uint64_t high) {
  Bytes body;
  body.Put<uint16_t>(2);  // version
  body.Put<uint32_t>(0);  // .debug_abbrev offset
  body.Put<uint8_t>(8);   // address size
  body.Uleb(1);
  body.String(file);
  body.Put<uint32_t>(0);  // .debug_line offset
  body.Put<uint64_t>(low);
  body.Put<uint64_t>(high);
  Bytes b;
  b.Put<uint32_t>(static_cast<uint32_t>(body.size()));
  return b.data + body.data;
}

std::string DebugLine(const std::string& file, const std::vector<CodeRange>& ranges,
                      uint64_t end) {
  Bytes header;  // after header_length
  header.Put<uint8_t>(1);    // minimum instruction length
  header.Put<uint8_t>(1);    // default is_stmt
  header.Put<int8_t>(-5);    // line base
  header.Put<uint8_t>(14);   // line range
  header.Put<uint8_t>(13);   // opcode base
  for (uint8_t n : {0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1}) header.Put<uint8_t>(n);
  header.Put<uint8_t>(0);    // no include directories
  header.String(file);
  header.Uleb(0);            // directory, mtime, length
  header.Uleb(0);
  header.Uleb(0);
  header.Put<uint8_t>(0);    // end of file names
  Bytes program;
  auto set_address = [&](uint64_t address) {
    program.Put<uint8_t>(0);
    program.Uleb(9);
    program.Put<uint8_t>(kDwLneSetAddress);
    program.Put<uint64_t>(address);
  };
  int64_t line = 1;
  for (const CodeRange& r : ranges) {
    if (r.line <= 0) continue;
    set_address(r.start);
    program.Put<uint8_t>(kDwLnsAdvanceLine);
    program.Sleb(r.line - line);
    line = r.line;
    program.Put<uint8_t>(kDwLnsCopy);
  }
  set_address(end);
  program.Put<uint8_t>(0);
  program.Uleb(1);
  program.Put<uint8_t>(kDwLneEndSequence);
  Bytes unit;
  unit.Put<uint16_t>(2);  // version
  unit.Put<uint32_t>(static_cast<uint32_t>(header.size()));
  unit.data += header.data + program.data;
  Bytes b;
  b.Put<uint32_t>(static_cast<uint32_t>(unit.size()));
  return b.data + unit.data;
}

}  // namespace

// A relocatable ELF object as LuaJIT's and V8's GDB support make them: a
// .text section without contents (SHT_NOBITS) at the code's address, a
// function symbol per range at its offset in it, and the DWARF above.
std::string GdbJitRegistry::ElfFor(const Executor& executor) {
  const std::vector<CodeRange> ranges = CodeRangesOf(executor);
  if (ranges.empty()) return "";
  const uint64_t start = reinterpret_cast<uintptr_t>(executor.code());
  const uint64_t size = executor.code_size();
  const std::string file = SourceFileOf(executor.trace());

  enum Section { kNull, kText, kSymtab, kStrtab, kShstrtab, kAbbrev, kInfo, kLine, kCount };
  const char* const names[kCount] = {"",        ".text",         ".symtab",      ".strtab",
                                     ".shstrtab", ".debug_abbrev", ".debug_info", ".debug_line"};
  Bytes shstrtab;
  uint32_t name_at[kCount];
  for (int i = 0; i < kCount; ++i) {
    name_at[i] = static_cast<uint32_t>(shstrtab.size());
    shstrtab.String(names[i]);
  }
  Bytes strtab, symtab;
  strtab.String("");
  symtab.Put(Elf64_Sym{});  // the null symbol
  Elf64_Sym file_sym{};
  file_sym.st_name = static_cast<uint32_t>(strtab.size());
  strtab.String(file);
  file_sym.st_info = ELF64_ST_INFO(STB_LOCAL, STT_FILE);
  file_sym.st_shndx = SHN_ABS;
  symtab.Put(file_sym);
  for (const CodeRange& r : ranges) {
    Elf64_Sym sym{};
    sym.st_name = static_cast<uint32_t>(strtab.size());
    strtab.String(r.Name());
    sym.st_info = ELF64_ST_INFO(STB_GLOBAL, STT_FUNC);
    sym.st_shndx = kText;
    sym.st_value = r.start - start;
    sym.st_size = r.size;
    symtab.Put(sym);
  }
  const std::string contents[kCount] = {
      "", "", symtab.data, strtab.data, shstrtab.data, DebugAbbrev(),
      DebugInfo(file, start, start + size), DebugLine(file, ranges, start + size)};

  Bytes elf;
  Elf64_Ehdr eh{};
  std::memcpy(eh.e_ident, ELFMAG, SELFMAG);
  eh.e_ident[EI_CLASS] = ELFCLASS64;
  eh.e_ident[EI_DATA] = ELFDATA2LSB;
  eh.e_ident[EI_VERSION] = EV_CURRENT;
  eh.e_ident[EI_OSABI] = ELFOSABI_SYSV;
  eh.e_type = ET_REL;
  eh.e_machine = EM_X86_64;
  eh.e_version = EV_CURRENT;
  eh.e_ehsize = sizeof(Elf64_Ehdr);
  eh.e_shentsize = sizeof(Elf64_Shdr);
  eh.e_shnum = kCount;
  eh.e_shstrndx = kShstrtab;
  elf.Put(eh);
  uint64_t offsets[kCount] = {};
  for (int i = 0; i < kCount; ++i) {
    while (elf.size() % 8 != 0) elf.Put<uint8_t>(0);
    offsets[i] = elf.size();
    elf.data += contents[i];
  }
  while (elf.size() % 8 != 0) elf.Put<uint8_t>(0);
  const uint64_t section_headers = elf.size();
  for (int i = 0; i < kCount; ++i) {
    Elf64_Shdr sh{};
    if (i != kNull) {
      sh.sh_name = name_at[i];
      sh.sh_offset = offsets[i];
      sh.sh_size = contents[i].size();
      sh.sh_addralign = 1;
      sh.sh_type = SHT_PROGBITS;
    }
    if (i == kText) {
      sh.sh_type = SHT_NOBITS;
      sh.sh_flags = SHF_ALLOC | SHF_EXECINSTR;
      sh.sh_addr = start;
      sh.sh_size = size;
      sh.sh_addralign = 16;
    } else if (i == kSymtab) {
      sh.sh_type = SHT_SYMTAB;
      sh.sh_link = kStrtab;
      sh.sh_info = 2;  // the first global symbol: after the null and file symbols
      sh.sh_entsize = sizeof(Elf64_Sym);
      sh.sh_addralign = 8;
    } else if (i == kStrtab || i == kShstrtab) {
      sh.sh_type = SHT_STRTAB;
    }
    elf.Put(sh);
  }
  std::memcpy(&elf.data[offsetof(Elf64_Ehdr, e_shoff)], &section_headers, 8);
  return elf.data;
}

struct GdbJitRegistry::Entry {
  std::string elf;
  jit_code_entry entry{};
};

GdbJitRegistry::GdbJitRegistry() = default;

void GdbJitRegistry::Add(const Executor& executor) {
  auto e = std::make_unique<Entry>();
  e->elf = ElfFor(executor);
  if (e->elf.empty()) return;
  e->entry.symfile_addr = e->elf.data();
  e->entry.symfile_size = e->elf.size();
  // Linked first, as the interface's examples do.
  e->entry.next_entry = __jit_debug_descriptor.first_entry;
  if (e->entry.next_entry != nullptr) e->entry.next_entry->prev_entry = &e->entry;
  __jit_debug_descriptor.first_entry = &e->entry;
  __jit_debug_descriptor.relevant_entry = &e->entry;
  __jit_debug_descriptor.action_flag = kJitRegister;
  __jit_debug_register_code();
  entries_.push_back(std::move(e));
}

GdbJitRegistry::~GdbJitRegistry() {
  for (const std::unique_ptr<Entry>& e : entries_) {
    jit_code_entry* entry = &e->entry;
    if (entry->prev_entry != nullptr) {
      entry->prev_entry->next_entry = entry->next_entry;
    } else {
      __jit_debug_descriptor.first_entry = entry->next_entry;
    }
    if (entry->next_entry != nullptr) entry->next_entry->prev_entry = entry->prev_entry;
    __jit_debug_descriptor.relevant_entry = entry;
    __jit_debug_descriptor.action_flag = kJitUnregister;
    __jit_debug_register_code();
  }
}

bool GdbJitRegistry::DebuggerAttached() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("TracerPid:", 0) == 0) return std::stoi(line.substr(10)) != 0;
  }
  return false;
}

}  // namespace pyjit
