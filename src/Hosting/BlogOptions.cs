namespace Blog.Hosting;

/// <summary>The "Blog" section of configuration (environment form: <c>Blog__MediaPath</c>, ...).</summary>
public sealed class BlogOptions
{
    public DatabaseOptions Database { get; set; } = new();

    /// <summary>Where uploaded and imported images live, relative to the working directory.</summary>
    public string MediaPath { get; set; } = "data/media";

    /// <summary>The public base URL for feeds and canonical links; taken from the request when empty.</summary>
    public string? BaseUrl { get; set; }
}

public sealed class DatabaseOptions
{
    public string Provider { get; set; } = "Sqlite";
}
