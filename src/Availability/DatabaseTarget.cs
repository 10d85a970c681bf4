using Blog.Data;
using Blog.Hosting;

namespace Blog.Availability;

/// <summary>
/// What the site connects to, in words an operator recognises ("PostgreSQL at db:5432/blog",
/// "SQLite file /app/data/blog.db"), read from the same configuration the database context
/// uses. Never the password: these words go to logs, the admin dashboard and the console.
/// </summary>
public sealed record DatabaseTarget(string Description, string? Secret)
{
    public override string ToString() => Description;

    public static DatabaseTarget From(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Blog");
        DatabaseProvider provider;
        try
        {
            provider = DatabaseSetup.ProviderOf(configuration["Blog:Database:Provider"]);
        }
        catch (InvalidOperationException)
        {
            return new DatabaseTarget($"the database provider '{configuration["Blog:Database:Provider"]}'", null);
        }
        return DatabaseDialect.For(provider).Describe(connectionString);
    }

    /// <summary>
    /// A connection string the driver cannot parse may still hold a password, and the parser's
    /// complaint may quote a piece of it ("Keyword not supported: 'cret'" for a password with a
    /// semicolon); whatever follows "Password=" is treated as secret.
    /// </summary>
    internal static string? PasswordIn(string? connectionString)
    {
        if (connectionString is null)
            return null;
        foreach (var key in new[] { "password=", "pwd=" })
        {
            var at = connectionString.IndexOf(key, StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
                return connectionString[(at + key.Length)..];
        }
        return null;
    }

    /// <summary>The text with the password, and any part of it, blotted out.</summary>
    public string Redact(string text)
    {
        if (string.IsNullOrEmpty(Secret))
            return text;
        text = text.Replace(Secret, "***", StringComparison.Ordinal);
        foreach (var piece in Secret.Split([';', '=', '\'', '"'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (piece.Length >= 3)
                text = text.Replace(piece, "***", StringComparison.Ordinal);
        }
        return text;
    }
}
