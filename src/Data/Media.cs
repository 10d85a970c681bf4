namespace Blog.Data;

/// <summary>An uploaded image, stored on disk under a name made from its content hash.</summary>
public class Media
{
    public int Id { get; set; }
    public required string FileName { get; set; }
    public required string OriginalName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public DateTime UploadedAt { get; set; }
}
