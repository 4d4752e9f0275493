using Microsoft.Data.Sqlite;

namespace Simpus.Core.Data;

/// <summary>
/// The one place that knows how to open the SQLite file: foreign keys on, a busy timeout,
/// WAL journaling (set once by the migrator, persistent in the file) and full fsync so that
/// nothing acknowledged is lost to a power cut.
/// </summary>
public sealed class Database
{
    private readonly string _connectionString;

    public Database(string filePath)
    {
        FilePath = Path.GetFullPath(filePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        DapperSetup.EnsureRegistered();
    }

    public string FilePath { get; }

    public static Database InDataDir(string dataDir, string fileName)
    {
        Directory.CreateDirectory(dataDir);
        return new Database(Path.Combine(dataDir, fileName));
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = FULL;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Runs <paramref name="work"/> in one write transaction (BEGIN IMMEDIATE, so writers queue instead of failing).</summary>
    public T InTransaction<T>(Func<SqliteConnection, SqliteTransaction, T> work)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        var result = work(connection, transaction);
        transaction.Commit();
        return result;
    }

    public void InTransaction(Action<SqliteConnection, SqliteTransaction> work) =>
        InTransaction((c, t) => { work(c, t); return 0; });
}
