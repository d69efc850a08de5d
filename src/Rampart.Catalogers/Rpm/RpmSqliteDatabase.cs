using Microsoft.Data.Sqlite;

namespace Rampart.Catalogers.Rpm;

/// <summary>
/// Header blobs of an rpm database in the sqlite backend (<c>rpmdb.sqlite</c>, table <c>Packages</c>, column
/// <c>blob</c>). SQLite only opens files, so the bytes go to a private temporary folder that is deleted afterwards.
/// </summary>
public static class RpmSqliteDatabase
{
    private static ReadOnlySpan<byte> Magic => "SQLite format 3\0"u8;

    public static bool IsSqlite(ReadOnlySpan<byte> bytes) => bytes.StartsWith(Magic);

    /// <summary>
    /// Every blob of the <c>Packages</c> table. <paramref name="writeAheadLog"/> is the <c>-wal</c> file found beside
    /// the database: rpm keeps the database in WAL mode, and recent writes may still sit in the log. Trouble opening or
    /// reading is reported through <paramref name="warn"/>; what was read until then is returned. The private folder is
    /// made under <paramref name="temporaryRoot"/> (the system's temporary folder when null).
    /// </summary>
    public static IReadOnlyList<byte[]> ReadBlobs(ReadOnlyMemory<byte> database, ReadOnlyMemory<byte>? writeAheadLog, Action<string> warn, string? temporaryRoot = null)
    {
        ArgumentNullException.ThrowIfNull(warn);
        var blobs = new List<byte[]>();
        var folder = Directory.CreateDirectory(Path.Combine(temporaryRoot ?? Path.GetTempPath(), "rampart-rpmdb-" + Path.GetRandomFileName()));
        try
        {
            var path = Path.Combine(folder.FullName, "rpmdb.sqlite");
            File.WriteAllBytes(path, database.ToArray());
            if (writeAheadLog is { } wal)
            {
                File.WriteAllBytes(path + "-wal", wal.ToArray());
            }

            var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString();
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT blob FROM Packages";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (!reader.IsDBNull(0))
                {
                    blobs.Add((byte[])reader.GetValue(0));
                }
            }
        }
        catch (SqliteException e)
        {
            warn($"not a readable rpm sqlite database: {e.Message}");
        }
        catch (IOException e)
        {
            warn($"could not copy the database to a temporary file: {e.Message}");
        }
        catch (InvalidCastException)
        {
            warn("the Packages table holds something other than header blobs");
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        return blobs;
    }
}
