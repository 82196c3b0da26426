// Expected ids for the whitespace conformance cases, from Hugging Face's tokenizers.js (the JavaScript port of the
// `tokenizers` library that transformers.js uses), reading the tiny Llama's tokenizer.json as declared.
// Run: npm install @huggingface/tokenizers@0.2.0 && node generate_whitespace_expected.mjs ../../../../../shared/data/onnx-tiny-models/tiny-random-LlamaForCausalLM-fp16
import { Tokenizer } from "@huggingface/tokenizers";
import fs from "fs";
import path from "path";

const dir = process.argv[2];
const tokenizer = new Tokenizer(
  JSON.parse(fs.readFileSync(path.join(dir, "tokenizer.json"), "utf8")),
  JSON.parse(fs.readFileSync(path.join(dir, "tokenizer_config.json"), "utf8")));

const cases = [];
const followers = { digit: "1", digits: "2024", letter: "y", word: "Hello", period: ".", punctuation: "!?", paren: "(x)", dollar: "$5" };
for (let n = 1; n <= 5; n++) {
  const spaces = " ".repeat(n);
  for (const [kind, f] of Object.entries(followers)) cases.push({ id: `x_${n}sp_${kind}`, text: `x${spaces}${f}` });
  cases.push({ id: `leading_${n}sp_digit`, text: `${spaces}1 apple` });
  cases.push({ id: `leading_${n}sp_letter`, text: `${spaces}apple` });
  cases.push({ id: `trailing_${n}sp`, text: `end${spaces}` });
  cases.push({ id: `x_${n}sp_newline_digit`, text: `x${spaces}\n1` });
  cases.push({ id: `x_newline_${n}sp_digit`, text: `x\n${spaces}1` });
}
cases.push(
  { id: "tab_digit", text: "x\t1" },
  { id: "two_tabs_digit", text: "x\t\t1" },
  { id: "space_tab_space_digit", text: "x \t 1" },
  { id: "tab_letter", text: "a\tb" },
  { id: "leading_tab", text: "\tindented 3" },
  { id: "newline_digit", text: "x\n1" },
  { id: "blank_line_list", text: "Items:\n\n  1. first\n  2. second" },
  { id: "crlf_digits", text: "a\r\n  12\r\n" },
  { id: "table_row", text: "| 1  | 22   |  333 |" },
  { id: "code_indent", text: "def f():\n    return  42" },
  { id: "unicode_space_digit", text: "x\u00a0 1 \u3000 2" },
  { id: "only_spaces", text: "     " },
  { id: "time_and_money", text: "at  10:30,  $  99.95  each" });

const out = {
  source: "@huggingface/tokenizers 0.2.0 (npm), Tokenizer(tokenizer.json, tokenizer_config.json).encode(text, { add_special_tokens: false })",
  tokenizer: "tiny-random-LlamaForCausalLM-fp16/tokenizer.json",
  cases: cases.map(c => {
    const e = tokenizer.encode(c.text, { add_special_tokens: false });
    return { ...c, ids: e.ids, tokens: e.tokens };
  }),
};
fs.writeFileSync("whitespace_expected.json", JSON.stringify(out, null, 1) + "\n");
console.log(`${out.cases.length} cases`);
