using Blog.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Blog.Import;

/// <summary>
/// Notes saved a few hundred to a transaction rather than one each: every commit writes the pages
/// a note touched (its row, the indexes, the search index's segments) again, and consecutive notes
/// touch mostly the same pages. Each note stays whole: it is saved inside a savepoint of its own,
/// rolled back alone when anything about it fails (its search index entry, written after EF's
/// part of the save, included); a process killed mid-batch loses the batch's notes entirely, never
/// part of one. A batch is short (<see cref="MaxWait"/>), so the site and the editor writing beside
/// the import wait for it no longer than for one large note.
/// </summary>
internal sealed class ImportBatch(BlogDbContext db, TimeProvider clock) : IAsyncDisposable
{
    private const int MaxNotes = 200;
    private const string Note = "note";
    private static readonly TimeSpan MaxWait = TimeSpan.FromMilliseconds(500);

    private IDbContextTransaction? _transaction;
    private long _startedAt;
    private int _notes;
    private bool _inNote;

    /// <summary>Call before each note: opens a batch if none is open, and the note's savepoint.</summary>
    public async Task BeginNoteAsync(CancellationToken cancellationToken)
    {
        if (_transaction is null)
        {
            // The note's savepoint is the unit of work; EF's own, around each SaveChanges, would be a second one.
            db.Database.AutoSavepointsEnabled = false;
            _transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            _startedAt = clock.GetTimestamp();
            _notes = 0;
        }
        await _transaction.CreateSavepointAsync(Note, cancellationToken);
        _inNote = true;
    }

    /// <summary>
    /// Call after each note: keeps it or takes it back, and commits the batch when it is full or
    /// has been open long enough. Returns whether it committed.
    /// </summary>
    public async Task<bool> EndNoteAsync(bool keep, CancellationToken cancellationToken)
    {
        await EndNoteAsync(keep);
        if (++_notes < MaxNotes && clock.GetElapsedTime(_startedAt) < MaxWait)
            return false;
        await CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Commits the notes kept: at the end, and before an error or a cancellation ends the import (a note under way is taken back).</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_transaction is null)
            return;
        await EndNoteAsync(keep: false);
        // The notes' saves indexed them and stamped the content version; the caches are emptied once they are visible.
        await ContentChange.CommitAsync(db, _transaction, cancellationToken);
        await _transaction.DisposeAsync();
        _transaction = null;
    }

    private async Task EndNoteAsync(bool keep)
    {
        if (!_inNote || _transaction is null)
            return;
        _inNote = false;
        if (keep)
            await _transaction.ReleaseSavepointAsync(Note, CancellationToken.None);
        else
            await _transaction.RollbackToSavepointAsync(Note, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
            await _transaction.DisposeAsync(); // not committed: rolled back
    }
}
