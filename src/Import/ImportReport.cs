namespace Blog.Import;

public enum ImportOutcome { Imported, Updated, Skipped, Failed }

public sealed record ImportItem(string File, ImportOutcome Outcome, string? Message = null);

/// <summary>What an import did, note by note: printed by the command, shown in the admin.</summary>
public sealed class ImportReport
{
    public List<ImportItem> Items { get; } = [];

    public int Count(ImportOutcome outcome) => Items.Count(i => i.Outcome == outcome);

    public string Summary =>
        $"{Count(ImportOutcome.Imported)} imported, {Count(ImportOutcome.Updated)} updated, "
        + $"{Count(ImportOutcome.Skipped)} skipped, {Count(ImportOutcome.Failed)} failed";
}
