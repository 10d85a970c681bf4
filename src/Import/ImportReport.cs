namespace Blog.Import;

public enum ImportOutcome { Imported, Updated, Skipped, Failed }

/// <param name="MathErrors">Formulas of the note that KaTeX refused (imported, shown as their source).</param>
/// <param name="PostId">The note's post, once written (not in a dry run): the admin's report links to its editor.</param>
public sealed record ImportItem(string File, ImportOutcome Outcome, string? Message = null, int MathErrors = 0, int? PostId = null);

/// <summary>What an import did, note by note: printed by the command, shown in the admin.</summary>
public sealed class ImportReport
{
    public List<ImportItem> Items { get; } = [];

    /// <summary>
    /// Why the import as a whole stopped early or never started (no such path, not a zip, a zip
    /// over its limits); null when every note was tried. Items before the stop are kept.
    /// </summary>
    public string? Error { get; set; }

    /// <summary>Nothing was written: the outcomes say what an import would do.</summary>
    public bool DryRun { get; init; }

    /// <summary>Notes imported earlier whose links to notes of this import now point at their posts.</summary>
    public List<string> Linked { get; } = [];

    public int Count(ImportOutcome outcome) => Items.Count(i => i.Outcome == outcome);

    public bool Succeeded => Error is null && Count(ImportOutcome.Failed) == 0;

    /// <summary>Formulas KaTeX refused, over every note imported.</summary>
    public int MathErrors => Items.Sum(i => i.MathErrors);

    public string Summary =>
        $"{Count(ImportOutcome.Imported)} imported, {Count(ImportOutcome.Updated)} updated, "
        + $"{Count(ImportOutcome.Skipped)} skipped, {Count(ImportOutcome.Failed)} failed"
        + (Linked.Count > 0 ? $", {Linked.Count} earlier notes linked" : "")
        + (MathErrors == 0 ? "" : $"; {MathErrors} invalid {(MathErrors == 1 ? "formula" : "formulas")} in "
            + $"{Items.Count(i => i.MathErrors > 0)} {(Items.Count(i => i.MathErrors > 0) == 1 ? "note" : "notes")}, shown as their source")
        + (DryRun ? " (dry run: nothing was written)" : "");
}

/// <summary>Stops a whole import: the input as a whole cannot be read (or is over a limit).</summary>
public sealed class ImportException(string message) : Exception(message);

/// <summary>One note cannot be imported; the message names what is wrong, the rest go on.</summary>
internal sealed class BadNoteException(string message) : Exception(message);
