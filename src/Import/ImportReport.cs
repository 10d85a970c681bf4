namespace Blog.Import;

public enum ImportOutcome { Imported, Updated, Skipped, Failed }

/// <param name="MathErrors">Formulas of the note that KaTeX refused (imported, shown as their source).</param>
/// <param name="PostId">The note's post, once written (not in a dry run): the admin's report links to its editor.</param>
public sealed record ImportItem(string File, ImportOutcome Outcome, IReadOnlyList<ImportMessage> Messages, int MathErrors = 0, int? PostId = null)
{
    public ImportItem(string file, ImportOutcome outcome, ImportMessage message) : this(file, outcome, [message]) { }

    /// <summary>The messages in English, one line as the command prints it; null when there are none.</summary>
    public string? Message => Messages.Count == 0 ? null : string.Join("; ", Messages);
}

/// <summary>What an import did, note by note: printed by the command, shown in the admin.</summary>
public sealed class ImportReport
{
    public List<ImportItem> Items { get; } = [];

    /// <summary>
    /// Why the import as a whole stopped early or never started (no such path, not a zip, a zip
    /// over its limits); null when every note was tried. Items before the stop are kept.
    /// </summary>
    public ImportMessage? Error { get; set; }

    /// <summary>Nothing was written: the outcomes say what an import would do.</summary>
    public bool DryRun { get; init; }

    /// <summary>Notes imported earlier whose links to notes of this import now point at their posts.</summary>
    public List<string> Linked { get; } = [];

    public int Count(ImportOutcome outcome) => Items.Count(i => i.Outcome == outcome);

    public bool Succeeded => Error is null && Count(ImportOutcome.Failed) == 0;

    /// <summary>Formulas KaTeX refused, over every note imported.</summary>
    public int MathErrors => Items.Sum(i => i.MathErrors);

    /// <summary>The counts in English, as the command prints them.</summary>
    public string Summary => string.Concat(SummaryParts);

    /// <summary>The counts as messages, one after the other: the admin shows them in the interface's language.</summary>
    public IEnumerable<ImportMessage> SummaryParts
    {
        get
        {
            yield return new("{0} imported, {1} updated, {2} skipped, {3} failed",
                Count(ImportOutcome.Imported), Count(ImportOutcome.Updated), Count(ImportOutcome.Skipped), Count(ImportOutcome.Failed));
            if (Linked.Count > 0)
                yield return new(", {0} earlier notes linked", Linked.Count);
            var notesWithMathErrors = Items.Count(i => i.MathErrors > 0);
            if (MathErrors == 1)
                yield return new("; {0} invalid formula in {1} note, shown as their source", MathErrors, notesWithMathErrors);
            else if (MathErrors > 1)
                yield return notesWithMathErrors == 1
                    ? new("; {0} invalid formulas in {1} note, shown as their source", MathErrors, notesWithMathErrors)
                    : new("; {0} invalid formulas in {1} notes, shown as their source", MathErrors, notesWithMathErrors);
            if (DryRun)
                yield return new(" (dry run: nothing was written)");
        }
    }
}

/// <summary>Stops a whole import: the input as a whole cannot be read (or is over a limit).</summary>
public sealed class ImportException(ImportMessage reason) : Exception(reason.ToString())
{
    public ImportMessage Reason { get; } = reason;
}

/// <summary>One note cannot be imported (or an image it links: too large); the reason names what is wrong, the rest go on.</summary>
internal sealed class BadNoteException(ImportMessage reason) : Exception(reason.ToString())
{
    public ImportMessage Reason { get; } = reason;
}
