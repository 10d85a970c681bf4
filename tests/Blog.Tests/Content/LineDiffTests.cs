using Blog.Content;

namespace Blog.Tests.Content;

public class LineDiffTests
{
    private static string Render(IEnumerable<DiffLine> diff) =>
        string.Join("|", diff.Select(l => (l.Kind switch { DiffKind.Added => "+", DiffKind.Removed => "-", _ => " " }) + l.Text));

    [Fact]
    public void Compute_FindsTheShortestChange()
    {
        var diff = LineDiff.Compute("a\nb\nc\nd\n", "a\nx\nc\nd\ne\n");

        Assert.Equal(" a|-b|+x| c| d|+e", Render(diff));
    }

    [Fact]
    public void Compute_NumbersTheLinesOfBothTexts()
    {
        var diff = LineDiff.Compute("一\n二\n三", "零\n一\n三");

        Assert.Equal([(DiffKind.Added, null, 1), (DiffKind.Same, 1, 2), (DiffKind.Removed, 2, null), (DiffKind.Same, 3, 3)],
            diff.Select(l => (l.Kind, l.OldNumber, l.NewNumber)));
    }

    [Theory]
    [InlineData("", "", "")]
    [InlineData("", "a", "+a")]
    [InlineData("a", "", "-a")]
    [InlineData("a\r\nb", "a\nb\n", " a| b")]
    public void Compute_HandlesEmptyTextsAndLineEnds(string before, string after, string expected) =>
        Assert.Equal(expected, Render(LineDiff.Compute(before, after)));

    [Fact]
    public void Compute_OfManyScatteredChanges_FallsBackToReplacingTheMiddle()
    {
        var before = string.Join("\n", Enumerable.Range(0, 6000).Select(i => $"line {i}"));
        var after = string.Join("\n", Enumerable.Range(0, 6000).Select(i => i % 2 == 0 ? $"changed {i}" : $"line {i}"));

        var diff = LineDiff.Compute(before, after);

        // The last line is the same in both, so the trimmed tail keeps it out of the middle.
        Assert.Equal(5999, diff.Count(l => l.Kind == DiffKind.Removed));
        Assert.Equal(5999, diff.Count(l => l.Kind == DiffKind.Added));
        Assert.Equal(DiffKind.Same, diff[^1].Kind);
    }

    [Fact]
    public void Hunks_KeepThreeLinesOfContextAndCountTheSkippedOnes()
    {
        var before = string.Join("\n", Enumerable.Range(1, 20));
        var after = before.Replace("\n10\n", "\nten\n");

        var hunks = LineDiff.Hunks(LineDiff.Compute(before, after));

        var hunk = Assert.Single(hunks);
        Assert.Equal(6, hunk.SkippedBefore);
        Assert.Equal(["7", "8", "9", "10", "ten", "11", "12", "13"], hunk.Lines.Select(l => l.Text));
    }
}
