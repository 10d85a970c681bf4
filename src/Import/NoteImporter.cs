namespace Blog.Import;

public sealed class NoteImporter
{
    public Task<ImportReport> ImportAsync(string path, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}
