using Dapper;
using Simpus.Core.Data;
using Simpus.Core.Identity;

namespace Simpus.Core.Demo;

/// <summary>Inserts generated patients in one transaction, for the demo and the benchmarks (the desk uses <see cref="Patients.PatientService"/>).</summary>
public static class BulkLoader
{
    public static int InsertPatients(Database db, IEnumerable<GeneratedPatient> people, string rmFormat = RmNumber.DefaultFormat, string user = "demo")
    {
        var now = DateTimeOffset.UtcNow;
        return db.InTransaction((c, t) =>
        {
            var count = 0;
            var familyIds = new Dictionary<int, long>();
            foreach (var p in people)
            {
                if (!familyIds.TryGetValue(p.FamilyIndex, out var familyId))
                {
                    familyId = c.ExecuteScalar<long>("INSERT INTO families (next_member, created_at) VALUES (1, @now) RETURNING id", new { now }, t);
                    familyIds[p.FamilyIndex] = familyId;
                }
                var member = c.ExecuteScalar<int>("UPDATE families SET next_member = next_member + 1 WHERE id = @familyId RETURNING next_member - 1", new { familyId }, t);
                var rm = RmNumber.Format(rmFormat, familyId, member);
                var id = c.ExecuteScalar<long>("""
                    INSERT INTO patients (rm, family_id, member_no, relation, nik, bpjs_number, name, sex, birth_date, address, region_code, rt, rw,
                                          phone, default_payer, created_at, created_by, updated_at)
                    VALUES (@rm, @familyId, @member, @Relation, @Nik, @BpjsNumber, @Name, @Sex, @BirthDate, @Address, @RegionCode, @Rt, @Rw,
                            @Phone, @DefaultPayer, @now, @user, @now)
                    RETURNING id
                    """, new { rm, familyId, member, p.Relation, p.Nik, p.BpjsNumber, p.Name, p.Sex, p.BirthDate, p.Address, p.RegionCode, p.Rt, p.Rw, p.Phone, p.DefaultPayer, now, user }, t);
                c.Execute("INSERT INTO patient_history (patient_id, changed_at, changed_by, field, new_value) VALUES (@id, @now, @user, 'created', @rm)",
                    new { id, now, user, rm }, t);
                count++;
            }
            return count;
        });
    }
}
