using System.Collections.Concurrent;

namespace Simpus.Core.Data;

/// <summary>Report and aggregation SQL kept in <c>.sql</c> files next to their code, one query per file, embedded.</summary>
public static class EmbeddedSql
{
    private static readonly ConcurrentDictionary<(System.Reflection.Assembly, string), string> Cache = new();

    public static string Get(string fileName) => Get(typeof(EmbeddedSql).Assembly, fileName);

    public static string Get(System.Reflection.Assembly assembly, string fileName) =>
        Cache.GetOrAdd((assembly, fileName), key =>
        {
            var resource = key.Item1.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith("." + key.Item2, StringComparison.Ordinal))
                ?? throw new InvalidOperationException($"No embedded SQL named {key.Item2}");
            using var stream = key.Item1.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        });
}
