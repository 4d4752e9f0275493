using Microsoft.AspNetCore.Http;
using Simpus.Core.Common;

namespace Simpus.Web.Hosting;

/// <summary>Reading uploaded files: a form that cannot be read (no boundary, cut off before its end) is the sender's error, a 400.</summary>
public static class Uploads
{
    public static async Task<IFormCollection> ReadFormAsync(HttpRequest request, string field = "file")
    {
        try
        {
            return await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or IOException && !request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            throw ValidationFailedException.For(field, "form.unreadable",
                "Unggahan tidak dapat dibaca (formulir multipart rusak atau terpotong). Pilih berkasnya lagi lalu kirim ulang.");
        }
    }
}
