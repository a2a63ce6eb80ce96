using Microsoft.Data.Sqlite;
using Npgsql;

namespace Zaitaku.Infrastructure.Data;

public enum StorageFault
{
    None,
    /// <summary>The database cannot be reached or written now: stopped, locked, read-only, its file or folder gone.</summary>
    DatabaseUnavailable,
    /// <summary>The disk under the data folder or the database is full.</summary>
    DiskFull,
}

/// <summary>
/// Tells a passing fault of the storage (the database away, the disk full) from a bug, so the site can
/// answer "try again later" with what was typed kept, instead of a 500. Looks through the wrappers EF
/// Core and the framework put around the provider's exception.
/// </summary>
public static class StorageFaults
{
    // SQLite primary result codes (https://sqlite.org/rescode.html).
    private const int SqliteBusy = 5, SqliteLocked = 6, SqliteReadOnly = 8, SqliteIoError = 10, SqliteFull = 13, SqliteCantOpen = 14;
    // errno ENOSPC on Linux; ERROR_DISK_FULL and ERROR_HANDLE_DISK_FULL as HRESULTs on Windows.
    private const int Enospc = 28, WindowsDiskFull = unchecked((int)0x80070070), WindowsHandleDiskFull = unchecked((int)0x80070027);

    public static StorageFault Classify(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is AggregateException aggregate)
                return aggregate.InnerExceptions.Select(Classify).FirstOrDefault(f => f != StorageFault.None);
            var fault = e switch
            {
                SqliteException { SqliteErrorCode: SqliteFull } => StorageFault.DiskFull,
                SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked or SqliteReadOnly or SqliteIoError or SqliteCantOpen }
                    => StorageFault.DatabaseUnavailable,
                // 53100 disk_full; class 08 connection exceptions, 57P01-57P03 shutting down or starting, 53300 too many
                // connections, 25006 a read-only server (a standby).
                PostgresException { SqlState: "53100" } => StorageFault.DiskFull,
                PostgresException p when p.SqlState.StartsWith("08", StringComparison.Ordinal)
                    || p.SqlState is "57P01" or "57P02" or "57P03" or "53300" or "25006" => StorageFault.DatabaseUnavailable,
                PostgresException => StorageFault.None,
                // Any other Npgsql failure is about reaching the server (refused, reset, timed out, pool exhausted).
                NpgsqlException => StorageFault.DatabaseUnavailable,
                IOException io when io.HResult is Enospc or WindowsDiskFull or WindowsHandleDiskFull => StorageFault.DiskFull,
                _ => StorageFault.None,
            };
            if (fault != StorageFault.None) return fault;
        }
        return StorageFault.None;
    }
}
