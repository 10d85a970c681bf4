namespace Blog.Data;

/// <summary>What setting the database up did: the migrate command prints it.</summary>
public sealed record DatabaseSetupReport(IReadOnlyList<string> AppliedMigrations, string? LatestMigration, bool Seeded, int Rerendered);
