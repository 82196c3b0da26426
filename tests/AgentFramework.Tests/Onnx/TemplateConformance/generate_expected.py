#!/usr/bin/env python3
"""Renders every official chat template in templates/ for every conversation in conversations.json the way Hugging Face
transformers' apply_chat_template does, and writes expected.json. The C# conformance test compares our Jinja renderer
with this file byte for byte, so CI needs no Python.

Run (Debian: apt-get install python3-jinja2):  python3 generate_expected.py

The Jinja environment reproduces transformers' (src/transformers/utils/chat_template_utils.py, _compile_jinja_template):
ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[loopcontrols]) with its tojson filter
(json.dumps with ensure_ascii=False), raise_exception and strftime_now globals, and the {% generation %} block rendered
as plain content. render() gets messages, tools=None, documents=None, add_generation_prompt and the special tokens.
strftime_now reads a fixed clock (2026-01-15 09:30) so the Llama 3.2 date line is reproducible; the C# test pins the
same clock. feature_cases.json (one Jinja feature per template) is rendered to feature_expected.json the same way.
When a template raises (Gemma-2 with a system message), the expected entry records the error and the
rendering of the conversation with the system text folded into the first user turn (system + "\\n\\n" + user), which
is what our chat client sends instead.
"""
import datetime
import json
import os

import jinja2
from jinja2.ext import Extension, loopcontrols
from jinja2.sandbox import ImmutableSandboxedEnvironment

FIXED_NOW = datetime.datetime(2026, 1, 15, 9, 30, 0)
HERE = os.path.dirname(os.path.abspath(__file__))


class GenerationBlock(Extension):
    """transformers' AssistantTracker without tracking: {% generation %}...{% endgeneration %} renders its body."""
    tags = {"generation"}

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        body = parser.parse_statements(["name:endgeneration"], drop_needle=True)
        return jinja2.nodes.Scope(body, lineno=lineno)


def make_environment():
    def raise_exception(message):
        raise jinja2.exceptions.TemplateError(message)

    def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
        return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)

    def strftime_now(fmt):
        return FIXED_NOW.strftime(fmt)

    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[GenerationBlock, loopcontrols])
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = strftime_now
    return env


def fold_system(messages):
    system = "\n\n".join(m["content"] for m in messages if m["role"] == "system")
    rest = [dict(m) for m in messages if m["role"] != "system"]
    if system:
        for m in rest:
            if m["role"] == "user":
                m["content"] = system + "\n\n" + m["content"]
                break
        else:
            rest.insert(0, {"role": "user", "content": system})
    return rest


def render(template, conversation, messages, special_tokens):
    return template.render(messages=messages, tools=None, documents=None,
                           add_generation_prompt=conversation["add_generation_prompt"], **special_tokens)


def main():
    env = make_environment()
    sources = json.load(open(os.path.join(HERE, "sources.json"), encoding="utf-8"))["families"]
    conversations = json.load(open(os.path.join(HERE, "conversations.json"), encoding="utf-8"))["conversations"]
    expected = {"jinja2_version": jinja2.__version__, "clock": FIXED_NOW.isoformat(), "families": {}}
    for family in sources:
        with open(os.path.join(HERE, "templates", family["template"]), encoding="utf-8", newline="") as f:
            template = env.from_string(f.read())
        results = {}
        for conversation in conversations:
            try:
                results[conversation["id"]] = {"text": render(template, conversation, conversation["messages"], family["special_tokens"])}
            except jinja2.exceptions.TemplateError as e:
                folded = render(template, conversation, fold_system(conversation["messages"]), family["special_tokens"])
                results[conversation["id"]] = {"error": str(e), "folded_text": folded}
        expected["families"][family["family"]] = results
    with open(os.path.join(HERE, "expected.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(expected, f, indent=1, ensure_ascii=False)
        f.write("\n")

    # Single-feature templates (loops, filters, tests, whitespace control, ...) over fixed variables.
    features = json.load(open(os.path.join(HERE, "feature_cases.json"), encoding="utf-8"))
    feature_results = {}
    for case in features["cases"]:
        try:
            feature_results[case["id"]] = {"text": env.from_string(case["template"]).render(**features["variables"])}
        except jinja2.exceptions.TemplateError as e:
            feature_results[case["id"]] = {"error": str(e)}
    with open(os.path.join(HERE, "feature_expected.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(feature_results, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
