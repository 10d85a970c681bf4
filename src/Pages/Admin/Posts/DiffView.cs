using Blog.Content;

namespace Blog.Pages.Admin.Posts;

/// <summary>A line diff ready for _LineDiff.cshtml: the changed lines with some context, capped so a huge change stays a readable page.</summary>
public sealed record DiffView(string OldLabel, string NewLabel, IReadOnlyList<DiffHunk> Hunks, int Added, int Removed, int HiddenLines)
{
    private const int MaxShownLines = 1500;

    public bool Same => Added == 0 && Removed == 0;

    public static DiffView Between(string oldText, string newText, string oldLabel, string newLabel)
    {
        var diff = LineDiff.Compute(oldText, newText);
        var hunks = new List<DiffHunk>();
        var shown = 0;
        var hidden = 0;
        foreach (var hunk in LineDiff.Hunks(diff))
        {
            if (shown + hunk.Lines.Count > MaxShownLines)
            {
                hidden += hunk.Lines.Count;
                continue;
            }
            hunks.Add(hunk);
            shown += hunk.Lines.Count;
        }
        return new DiffView(oldLabel, newLabel, hunks,
            diff.Count(l => l.Kind == DiffKind.Added), diff.Count(l => l.Kind == DiffKind.Removed), hidden);
    }
}
