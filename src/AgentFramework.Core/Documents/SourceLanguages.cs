namespace AgentFramework.Documents;

/// <summary>File extension → language name, and whether a language is prose (chunked by paragraphs) or code.</summary>
public static class SourceLanguages
{
    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".txt"] = "text", [".text"] = "text", [".log"] = "text", [".rst"] = "text", [".adoc"] = "text",
        [".md"] = "markdown", [".markdown"] = "markdown",
        [".html"] = "html", [".htm"] = "html", [".xhtml"] = "html",
        [".pdf"] = "pdf", [".docx"] = "docx",
        [".cs"] = "csharp", [".csx"] = "csharp", [".fs"] = "fsharp", [".vb"] = "vb",
        [".py"] = "python", [".pyi"] = "python", [".rb"] = "ruby", [".php"] = "php", [".pl"] = "perl", [".lua"] = "lua",
        [".js"] = "javascript", [".mjs"] = "javascript", [".cjs"] = "javascript", [".jsx"] = "javascript",
        [".ts"] = "typescript", [".tsx"] = "typescript", [".vue"] = "vue", [".svelte"] = "svelte",
        [".java"] = "java", [".kt"] = "kotlin", [".kts"] = "kotlin", [".scala"] = "scala", [".groovy"] = "groovy",
        [".go"] = "go", [".rs"] = "rust", [".swift"] = "swift", [".dart"] = "dart",
        [".c"] = "c", [".h"] = "c", [".cpp"] = "cpp", [".cc"] = "cpp", [".cxx"] = "cpp", [".hpp"] = "cpp", [".hh"] = "cpp",
        [".m"] = "objective-c", [".zig"] = "zig", [".nim"] = "nim", [".hs"] = "haskell", [".ml"] = "ocaml",
        [".ex"] = "elixir", [".exs"] = "elixir", [".erl"] = "erlang", [".clj"] = "clojure", [".r"] = "r", [".jl"] = "julia",
        [".sh"] = "shell", [".bash"] = "shell", [".zsh"] = "shell", [".ps1"] = "powershell", [".bat"] = "batch", [".cmd"] = "batch",
        [".sql"] = "sql", [".proto"] = "protobuf", [".graphql"] = "graphql",
        [".css"] = "css", [".scss"] = "scss", [".less"] = "less",
        [".json"] = "json", [".yaml"] = "yaml", [".yml"] = "yaml", [".toml"] = "toml", [".ini"] = "ini", [".cfg"] = "ini",
        [".xml"] = "xml", [".csproj"] = "xml", [".props"] = "xml", [".targets"] = "xml", [".sln"] = "text",
        [".csv"] = "csv", [".tsv"] = "csv", [".tex"] = "latex", [".cmake"] = "cmake", [".gradle"] = "groovy",
        [".dockerfile"] = "dockerfile", [".tf"] = "terraform",
    };

    private static readonly Dictionary<string, string> ByFileName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Dockerfile"] = "dockerfile", ["Makefile"] = "make", ["CMakeLists.txt"] = "cmake", ["Gemfile"] = "ruby",
        ["Rakefile"] = "ruby", ["README"] = "text", ["LICENSE"] = "text", ["NOTICE"] = "text", ["CHANGELOG"] = "text",
        [".gitignore"] = "text", [".gitattributes"] = "text", [".dockerignore"] = "text", [".editorconfig"] = "ini",
    };

    private static readonly HashSet<string> ProseLanguages = new(StringComparer.Ordinal) { "text", "markdown", "html", "pdf", "docx", "latex" };

    /// <summary>Extensions the loader accepts as a single file (folders also take any other text file).</summary>
    public static IEnumerable<string> KnownExtensions => ByExtension.Keys;

    /// <summary>The language of a file, from its name or extension; "text" when unknown.</summary>
    public static string ForPath(string path)
    {
        var name = Path.GetFileName(path);
        if (ByFileName.TryGetValue(name, out var byName)) return byName;
        return ByExtension.TryGetValue(Path.GetExtension(name), out var lang) ? lang : "text";
    }

    public static bool IsKnownExtension(string extension) => ByExtension.ContainsKey(extension);

    /// <summary>
    /// Whether a file of this name is read at all, alone or inside a folder (one rule for both): a known extension or a
    /// well-known file name such as Makefile or LICENSE.
    /// </summary>
    public static bool IsSupportedPath(string path) => IsKnownExtension(Path.GetExtension(path)) || IsKnownFileName(path);

    /// <summary>Well-known text files without an extension (Makefile, Dockerfile, LICENSE, …).</summary>
    public static bool IsKnownFileName(string path) => ByFileName.ContainsKey(Path.GetFileName(path));

    /// <summary>Prose is split at headings, paragraphs and sentences; everything else at declarations, blank lines and lines.</summary>
    public static bool IsProse(string language) => ProseLanguages.Contains(language);
}
