using AgentFramework.Documents.Folders;

namespace AgentFramework.Tests.Documents;

public class GitIgnoreFileTests
{
    [Theory]
    [InlineData("*.log", "debug.log", false, true)]
    [InlineData("*.log", "deep/nested/debug.log", false, true)]
    [InlineData("*.log", "debug.log.txt", false, null)]
    [InlineData("build/", "build", true, true)]
    [InlineData("build/", "src/build", true, true)]
    [InlineData("build/", "build", false, null)]              // directory-only pattern does not match a file
    [InlineData("/root.txt", "root.txt", false, true)]
    [InlineData("/root.txt", "sub/root.txt", false, null)]     // anchored by the leading slash
    [InlineData("doc/frotz", "doc/frotz", true, true)]
    [InlineData("doc/frotz", "a/doc/frotz", true, null)]       // a middle slash anchors too
    [InlineData("**/cache", "x/y/cache", true, true)]
    [InlineData("**/cache", "cache", true, true)]
    [InlineData("a/**/b", "a/b", false, true)]
    [InlineData("a/**/b", "a/x/y/b", false, true)]
    [InlineData("logs/**", "logs/a/b.txt", false, true)]
    [InlineData("f?o.txt", "foo.txt", false, true)]
    [InlineData("f?o.txt", "f/o.txt", false, null)]
    [InlineData("*.[ch]", "x.c", false, true)]
    [InlineData("*.[ch]", "x.o", false, null)]
    [InlineData("*.[!ch]", "x.o", false, true)]
    [InlineData("data[0-9].csv", "data7.csv", false, true)]
    [InlineData("\\#notes", "#notes", false, true)]
    [InlineData("# comment", "# comment", false, null)]
    [InlineData("trailing   ", "trailing", false, true)]
    [InlineData("src/*.cs", "src/a/b.cs", false, null)]        // '*' never crosses '/'
    public void Matches_like_git(string pattern, string path, bool isDirectory, bool? expected) =>
        Assert.Equal(expected, GitIgnoreFile.Parse(pattern).IsIgnored(path, isDirectory));

    [Fact]
    public void Last_matching_pattern_wins_and_negation_reincludes()
    {
        var rules = GitIgnoreFile.Parse("*.txt\n!keep.txt\n");
        Assert.Equal(true, rules.IsIgnored("drop.txt", false));
        Assert.Equal(false, rules.IsIgnored("keep.txt", false));
        Assert.Equal(2, rules.RuleCount);
    }

    [Fact]
    public void Nested_file_patterns_are_relative_to_its_folder()
    {
        var nested = GitIgnoreFile.Parse("/gen.cs\n", "src/app");
        Assert.Equal(true, nested.IsIgnored("src/app/gen.cs", false));
        Assert.Null(nested.IsIgnored("src/app/sub/gen.cs", false));
        Assert.Null(nested.IsIgnored("gen.cs", false));
    }
}
