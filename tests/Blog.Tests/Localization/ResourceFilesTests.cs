using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Blog.Tests.Localization;

/// <summary>
/// The two Chinese resource files translate the same English strings, and every translation keeps
/// its string's placeholders: a value dropped or misnumbered would show the author a wrong file name
/// or line, or throw while the page renders.
/// </summary>
public partial class ResourceFilesTests
{
    [GeneratedRegex(@"(?<!\{)\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();

    private static Dictionary<string, string> Read(string language)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(folder.FullName, "Blog.sln")))
            folder = folder.Parent ?? throw new InvalidOperationException("Blog.sln not found");
        var file = Path.Combine(folder.FullName, "src", "Localization", $"SharedResource.{language}.resx");
        return XDocument.Load(file).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);
    }

    private static string[] PlaceholdersOf(string text) =>
        Placeholder().Matches(text.Replace("{{", "").Replace("}}", "")).Select(m => m.Groups[1].Value).Distinct().Order().ToArray();

    [Fact]
    public void SimplifiedAndTraditional_TranslateTheSameStrings()
    {
        var simplified = Read("zh-Hans");
        var traditional = Read("zh-Hant");

        Assert.Empty(simplified.Keys.Except(traditional.Keys));
        Assert.Empty(traditional.Keys.Except(simplified.Keys));
    }

    [Theory]
    [InlineData("zh-Hans")]
    [InlineData("zh-Hant")]
    public void NoTwoStrings_DifferOnlyInCase(string language)
    {
        // Resource names are compared regardless of case: the second of "Title" and "title" is dropped.
        var twins = Read(language).Keys.GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => string.Join(" / ", g));

        Assert.Empty(twins);
    }

    [Theory]
    [InlineData("zh-Hans")]
    [InlineData("zh-Hant")]
    public void EveryTranslation_KeepsItsStringsPlaceholders(string language)
    {
        var wrong = Read(language)
            .Where(entry => !PlaceholdersOf(entry.Key).SequenceEqual(PlaceholdersOf(entry.Value)))
            .Select(entry => $"{entry.Key} => {entry.Value}")
            .ToList();

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}
