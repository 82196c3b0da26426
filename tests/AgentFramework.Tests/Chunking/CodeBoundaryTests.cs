using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Tokens;

namespace AgentFramework.Tests.Chunking;

/// <summary>Code chunks end at the file's outermost declarations first, then at nested members, then at blank lines.</summary>
public class CodeBoundaryTests
{
    private static readonly ITokenCounter Counter = TokenCounters.Cl100k;

    private static Document Code(string name, string language, string text) =>
        new(DocumentId.ForText(text), name, text, DocumentKind.SourceCode, [],
            new SourceMap([new SourceSegment(0, text.Length, name, null, 1)], text), [new DocumentFile(name, language, 0, text.Length)], []);

    private static IReadOnlyList<Chunk> Split(Document document, int maxTokens)
    {
        var options = new ChunkingOptions { MaxTokens = maxTokens, OverlapTokens = 0 };
        var chunks = new Chunker(Counter).Split(document, options, TestContext.Current.CancellationToken);
        ChunkAssert.Invariants(document, chunks, options, Counter);
        return chunks;
    }

    private static string LineAt(string text, int position)
    {
        int end = text.IndexOf('\n', position);
        return text[position..(end < 0 ? text.Length : end)];
    }

    private static int Tokens(string text) => Counter.CountTokens(text.AsSpan());

    private static string CSharpClass(int c) =>
        $"/// <summary>Shape {c}.</summary>\n[Serializable]\npublic class Shape{c}\n{{\n" + string.Join("\n\n", Enumerable.Range(0, 4).Select(m =>
            $"    /// <summary>Scales by {m}.</summary>\n    public int Scale{m}(int x)\n    {{\n        var y = x * {m + c};\n\n        return y + {c};\n    }}")) + "\n}\n";

    [Fact]
    public void File_scoped_namespace_chunks_end_at_classes_before_methods()
    {
        var classes = Enumerable.Range(0, 5).Select(CSharpClass).ToList();
        var text = "namespace Sample.Shapes;\n\n" + string.Join("\n", classes);
        var doc = Code("Shapes.cs", "csharp", text);
        var chunks = Split(doc, maxTokens: Tokens(classes[0]) * 3 / 2);

        Assert.True(chunks.Count >= 4);
        foreach (var c in chunks.SkipLast(1))
            Assert.StartsWith("/// <summary>Shape ", LineAt(text, c.End));
    }

    [Fact]
    public void A_class_over_budget_splits_at_its_members_before_blank_lines_inside_them()
    {
        var text = "namespace Sample.Shapes;\n\n" + CSharpClass(0) + "\n" + CSharpClass(1);
        var method = "    /// <summary>Scales by 0.</summary>\n    public int Scale0(int x)\n    {\n        var y = x * 0;\n\n        return y + 0;\n    }\n\n";
        var chunks = Split(Code("Shapes.cs", "csharp", text), maxTokens: Tokens(method) * 5 / 2);

        Assert.True(chunks.Count >= 3);
        foreach (var c in chunks.SkipLast(1))
            Assert.Matches(@"^(/// <summary>Shape |    /// <summary>Scales by )", LineAt(text, c.End));
    }

    [Fact]
    public void Python_chunks_end_at_top_level_classes_with_their_decorators_not_at_nested_defs()
    {
        var classes = Enumerable.Range(0, 5).Select(c =>
            $"@dataclass\nclass Shape{c}:\n    \"\"\"Shape number {c}.\"\"\"\n\n    size: int = {c}\n\n" + string.Join("\n\n", Enumerable.Range(0, 4).Select(m =>
                $"    @property\n    def scaled_{m}(self):\n        value = self.size * {m + c}\n\n        return value + {c}")) + "\n").ToList();
        var text = "import math\nfrom dataclasses import dataclass\n\n\n" + string.Join("\n\n", classes);
        var chunks = Split(Code("shapes.py", "python", text), maxTokens: Tokens(classes[0]) * 3 / 2);

        Assert.True(chunks.Count >= 4);
        foreach (var c in chunks.SkipLast(1))
            Assert.Equal("@dataclass", LineAt(text, c.End));
    }

    [Fact]
    public void Brace_namespace_members_are_the_top_level_and_nested_members_are_not()
    {
        var text = "namespace Sample\n{\n    public class A\n    {\n        public int X;\n\n        public int Y() => 1;\n    }\n\n    public class B\n    {\n    }\n}\n";
        var strengths = BoundaryScanner.Scan(Code("A.cs", "csharp", text));
        int LineStart(string code) => text.LastIndexOf('\n', text.IndexOf(code, StringComparison.Ordinal)) + 1;

        Assert.Equal(BoundaryStrength.Section, strengths[LineStart("public class B")]);
        Assert.Equal(BoundaryStrength.Member, strengths[LineStart("public int Y")]);
        Assert.Equal(BoundaryStrength.Sentence, strengths[LineStart("public int X")]);
    }

    [Theory]
    [InlineData("go", "package main\n\nimport \"fmt\"\n\ntype Server struct {\n\tport int\n}\n\n// Start opens the port.\nfunc (s *Server) Start() {\n\tfmt.Println(s.port)\n}\n", "// Start opens the port.")]
    [InlineData("rust", "use std::io;\n\npub struct Server;\n\n#[inline]\npub(crate) fn start() {\n    let x = 1;\n}\n", "#[inline]")]
    [InlineData("typescript", "import x from 'y';\n\nconst a = 1;\n\nexport default function main() {\n  return a;\n}\n", "export default function main() {")]
    public void Top_level_declarations_of_other_languages_are_sections(string language, string text, string declarationLine)
    {
        var strengths = BoundaryScanner.Scan(Code("file", language, text));
        int start = text.IndexOf(declarationLine, StringComparison.Ordinal);
        Assert.Equal(BoundaryStrength.Section, strengths[start]);
    }
}
