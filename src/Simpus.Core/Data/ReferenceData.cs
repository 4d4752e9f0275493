namespace Simpus.Core.Data;

/// <summary>Reads the CSV reference files under <c>db/reference/</c> that are embedded in this assembly.</summary>
public static class ReferenceData
{
    /// <summary>Rows of a reference CSV (header skipped). Fields may be double-quoted; quotes inside are doubled.</summary>
    public static IEnumerable<string[]> Rows(string fileName)
    {
        var resource = "Simpus.Reference." + fileName;
        using var stream = typeof(ReferenceData).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"No reference file {fileName}");
        using var reader = new StreamReader(stream);
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                yield return Csv.SplitLine(line);
            }
        }
    }
}

public static class Csv
{
    public static string[] SplitLine(string line, char separator = ',')
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == separator)
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }
        fields.Add(current.ToString());
        return fields.ToArray();
    }
}
