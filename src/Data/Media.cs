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

    /// <summary>Pixels as shown (EXIF orientation applied); null for images stored before sizes were kept, read from the file when needed.</summary>
    public int? Width { get; set; }
    public int? Height { get; set; }

    /// <summary>The author's description, the alt text wherever a note gives the image none (or only its file name).</summary>
    public string? Description { get; set; }
}
