namespace Blog.Data;

public class User
{
    public int Id { get; set; }
    public required string UserName { get; set; }
    public required string PasswordHash { get; set; }

    /// <summary>Changes with the password, so that other signed-in sessions end.</summary>
    public Guid SecurityStamp { get; set; } = Guid.NewGuid();
    public DateTime CreatedAt { get; set; }
}
