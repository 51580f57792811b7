using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using CoProduction.Tests.Persistence;

namespace CoProduction.Tests.Samples;

/// <summary>
/// Every C# block of the newcomer pages is a copy of a region in a compiled (and mostly run) file,
/// named by an HTML comment right above it: <c>&lt;!-- snippet: tests/…/File.cs#region --&gt;</c>.
/// </summary>
public sealed partial class DocsSnippetTests
{
    public static readonly TheoryData<string> Pages = new(
        "README.md", "docs/index.md", "docs/getting-started.md", "docs/concepts.md", "docs/faq.md", "docs/aggregate-shape.md",
        "docs/protocols.md", "docs/ethics-gate.md", "docs/read-side.md", "docs/limits.md", "docs/access.md", "docs/ledger.md", "docs/reports.md");

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_csharp_block_of_the_page_is_a_region_of_a_compiled_file(string page)
        => Assert.Empty(Problems(page, onlyMarked: false));

    [Fact]
    public void The_marked_blocks_of_the_persistence_page_are_regions_of_compiled_files()
        => Assert.Empty(Problems("docs/persistence.md", onlyMarked: true));

    /// <summary>What differs between a page's C# blocks and their regions; with <paramref name="onlyMarked"/>, blocks without a marker are not checked.</summary>
    private static List<string> Problems(string page, bool onlyMarked)
    {
        var root = StoreTesting.RepoRoot();
        var text = File.ReadAllText(Path.Combine(root, page)).Replace("\r\n", "\n", StringComparison.Ordinal);
        var blocks = CsharpBlock().Matches(text);
        var problems = new List<string>();
        foreach (Match block in blocks)
        {
            var before = text[..block.Index].TrimEnd('\n');
            var marker = SnippetMarker().Match(before[(before.LastIndexOf('\n') + 1)..]);
            if (!marker.Success)
            {
                if (onlyMarked)
                {
                    continue;
                }

                problems.Add($"{page}: the block at offset {block.Index} has no '<!-- snippet: file#region -->' line right above it");
                continue;
            }

            var file = Path.Combine(root, marker.Groups["file"].Value);
            if (!File.Exists(file))
            {
                problems.Add($"{page}: {marker.Groups["file"].Value} does not exist");
                continue;
            }

            var region = Region(File.ReadAllText(file), marker.Groups["region"].Value);
            if (region is null)
            {
                problems.Add($"{page}: no '#region {marker.Groups["region"].Value}' in {marker.Groups["file"].Value}");
            }
            else if (Normalize(region) != Normalize(block.Groups["code"].Value))
            {
                problems.Add($"{page}: the block differs from {marker.Value.Trim()}:\n--- page\n{Normalize(block.Groups["code"].Value)}\n--- code\n{Normalize(region)}");
            }
        }

        return problems;
    }

    [Fact]
    public void The_newcomer_pages_have_code_to_check()
        => Assert.All(new[] { "README.md", "docs/getting-started.md", "docs/faq.md" }, page =>
            Assert.NotEmpty(CsharpBlock().Matches(File.ReadAllText(Path.Combine(StoreTesting.RepoRoot(), page)))));

    private static string? Region(string code, string name)
    {
        var lines = code.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var start = Array.FindIndex(lines, l => l.Trim() == "#region " + name);
        if (start < 0)
        {
            return null;
        }

        var end = Array.FindIndex(lines, start + 1, l => l.Trim() == "#endregion");
        return end < 0 ? null : string.Join('\n', lines[(start + 1)..end]);
    }

    /// <summary>Removes the indentation the lines share and trailing blanks, so a region inside a method matches a block in a page.</summary>
    private static string Normalize(string code)
    {
        var lines = code.Replace("\r\n", "\n", StringComparison.Ordinal).Trim('\n').Split('\n').Select(l => l.TrimEnd()).ToArray();
        var indent = lines.Where(l => l.Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..] : l));
    }

    [GeneratedRegex(@"```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CsharpBlock();

    [GeneratedRegex(@"<!--\s*snippet:\s*(?<file>[^#\s]+)#(?<region>[\w-]+)\s*-->")]
    private static partial Regex SnippetMarker();
}
