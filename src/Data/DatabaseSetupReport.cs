namespace Blog.Data;

/// <summary>What setting the database up did: the migrate command prints it.</summary>
/// <param name="Rerendered">Posts of an older pipeline rendered again: by a command after the set-up (OutdatedPosts), never under its lock.</param>
public sealed record DatabaseSetupReport(IReadOnlyList<string> AppliedMigrations, string? LatestMigration, bool Seeded, int Rerendered = 0);
