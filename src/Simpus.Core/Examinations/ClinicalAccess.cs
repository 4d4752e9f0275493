using Simpus.Core.Common;
using Simpus.Core.Visits;

namespace Simpus.Core.Examinations;

/// <summary>
/// Who may write clinical records: clinicians of the visit's poli (and the admin) while the visit is open;
/// after it is finished only its clinician and the head (kepala), as audited corrections. Nobody writes into a cancelled visit.
/// </summary>
public static class ClinicalAccess
{
    public static void CheckWrite(Visit visit, ClinicalActor actor, string? recordedBy)
    {
        if (visit.Status == VisitStatuses.Cancelled)
        {
            throw new ConflictException("visit.cancelled", $"Kunjungan {visit.Id} sudah dibatalkan; catatan klinis tidak dapat diisi.");
        }
        if (actor.Role == "klinisi" && actor.Poli is { } poli && poli != visit.Poli)
        {
            throw new ForbiddenException("visit.otherPoli", $"Kunjungan ini milik poli {visit.Poli}, bukan poli Anda ({poli}).");
        }
        var finished = visit.Status == VisitStatuses.Finished;
        switch (actor.Role)
        {
            case "klinisi" when !finished:
            case "admin" when !finished:
                return;
            case "klinisi" when recordedBy is null || string.Equals(recordedBy, actor.Username, StringComparison.OrdinalIgnoreCase):
                return;
            case "kepala" when finished:
                return;
            case "kepala":
                throw new ForbiddenException("visit.readOnly", "Kepala puskesmas hanya dapat mengoreksi kunjungan yang sudah selesai.");
            default:
                throw new ForbiddenException("examination.correctionNotAllowed",
                    "Kunjungan sudah selesai: koreksi hanya oleh klinisi yang memeriksa atau kepala puskesmas.");
        }
    }
}
