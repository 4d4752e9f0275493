using System.Globalization;
using Hl7.Fhir.Model;

namespace Simpus.SatuSehat.Fhir;

/// <summary>One entry of the built bundle: which local row it comes from.</summary>
public sealed record BundleEntryKey(string LocalKey, string ResourceType);

public sealed record VisitBundle(Bundle Bundle, IReadOnlyList<BundleEntryKey> Keys);

/// <summary>
/// Builds the transaction Bundle of one finished visit (Encounter, Condition per diagnosis, Observation per vital sign,
/// Procedure, Medication + MedicationRequest per prescription line). New resources are POSTed with <c>urn:uuid</c> full URLs and
/// an <c>ifNoneExist</c> on their own identifier (a retry after a lost answer creates nothing twice); resources SATUSEHAT already
/// holds (a correction) are PUT by their id, and rows voided since are PUT as entered-in-error: never a duplicate.
/// </summary>
public static class VisitBundleBuilder
{
    public static VisitBundle Build(VisitRecord r, string baseUrl)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
        var keys = new List<BundleEntryKey>();
        var org = r.OrganizationId;

        var encounterEntry = NewEntry(r, LocalKeys.Encounter, "Encounter", baseUrl);
        var encounterRef = new ResourceReference(encounterEntry.Reference);
        var patient = new ResourceReference("Patient/" + r.PatientId) { Display = r.PatientName };
        var practitioner = new ResourceReference("Practitioner/" + r.PractitionerId) { Display = r.PractitionerName };

        var encounter = new Encounter
        {
            Identifier = [new Identifier(Systems.Local("encounter", org), Invariant(r.VisitId))],
            Status = Encounter.EncounterStatus.Finished,
            Class = new Coding(Systems.ActCode, "AMB", "ambulatory"),
            Subject = patient,
            Participant =
            [
                new Encounter.ParticipantComponent
                {
                    Type = [Concept(Systems.ParticipationType, "ATND", "attender")],
                    Individual = practitioner,
                },
            ],
            Period = Period(r.ArrivedAt, r.FinishedAt),
            Location = [new Encounter.LocationComponent { Location = new ResourceReference("Location/" + r.LocationId) { Display = r.LocationName } }],
            ServiceProvider = new ResourceReference("Organization/" + org),
            StatusHistory = StatusHistory(r),
        };
        var entries = new List<(Bundle.EntryComponent Entry, BundleEntryKey Key)>();

        var rank = 1;
        foreach (var d in r.Diagnoses.Where(d => !d.Voided || r.KnownIds.ContainsKey(LocalKeys.Condition(d.Id)))
                     .OrderByDescending(d => d.Primary && !d.Voided).ThenBy(d => d.Voided).ThenBy(d => d.Id))
        {
            var key = LocalKeys.Condition(d.Id);
            var e = NewEntry(r, key, "Condition", baseUrl);
            var condition = new Condition
            {
                Identifier = [new Identifier(Systems.Local("condition", org), $"{Invariant(r.VisitId)}-{Invariant(d.Id)}")],
                ClinicalStatus = Concept(Systems.ConditionClinical, "active", "Active"),
                VerificationStatus = d.Voided ? Concept(Systems.ConditionVerification, "entered-in-error", "Entered in Error") : null,
                Category = [Concept(Systems.ConditionCategory, "encounter-diagnosis", "Encounter Diagnosis")],
                Code = Concept(Systems.Icd10, d.Code, d.Display),
                Subject = patient,
                Encounter = encounterRef,
                RecordedDate = Instant(r.ExaminedAt ?? r.FinishedAt),
            };
            if (d.Voided)
            {
                condition.ClinicalStatus = null;
            }
            else
            {
                encounter.Diagnosis.Add(new Encounter.DiagnosisComponent
                {
                    Condition = new ResourceReference(e.Reference) { Display = d.Display },
                    Use = Concept(Systems.DiagnosisRole, "DD", "Discharge diagnosis"),
                    Rank = rank++,
                });
            }
            entries.Add((e.With(condition, "Condition", IdentifierQuery(condition.Identifier[0])), new BundleEntryKey(key, "Condition")));
        }

        foreach (var v in r.Vitals.Where(v => v.Value is not null || r.KnownIds.ContainsKey(LocalKeys.Observation(v.Sign))))
        {
            var key = LocalKeys.Observation(v.Sign);
            var e = NewEntry(r, key, "Observation", baseUrl);
            var observation = new Observation
            {
                Identifier = [new Identifier(Systems.Local("observation", org), $"{Invariant(r.VisitId)}-{v.Sign.Loinc}")],
                Status = v.Value is null ? ObservationStatus.EnteredInError : ObservationStatus.Final,
                Category = [Concept(Systems.ObservationCategory, "vital-signs", "Vital Signs")],
                Code = Concept(Systems.Loinc, v.Sign.Loinc, v.Sign.Display),
                Subject = patient,
                Performer = [practitioner],
                Encounter = encounterRef,
                Effective = new FhirDateTime(Instant(r.ExaminedAt ?? r.FinishedAt)),
                Value = v.Value is { } value
                    ? new Quantity { Value = value, Unit = v.Sign.Unit, System = Systems.Ucum, Code = v.Sign.Unit }
                    : null,
            };
            entries.Add((e.With(observation, "Observation", IdentifierQuery(observation.Identifier[0])), new BundleEntryKey(key, "Observation")));
        }

        foreach (var p in r.Procedures.Where(p => !p.Voided || r.KnownIds.ContainsKey(LocalKeys.Procedure(p.Id))))
        {
            var key = LocalKeys.Procedure(p.Id);
            var e = NewEntry(r, key, "Procedure", baseUrl);
            var code = new CodeableConcept { Text = p.Name };
            if (p.Code is { } icd9)
            {
                code.Coding.Add(new Coding(Systems.Icd9Cm, icd9, p.Name));
            }
            var procedure = new Procedure
            {
                Identifier = [new Identifier(Systems.Local("procedure", org), $"{Invariant(r.VisitId)}-{Invariant(p.Id)}")],
                Status = p.Voided ? EventStatus.EnteredInError : EventStatus.Completed,
                Code = code,
                Subject = patient,
                Encounter = encounterRef,
                Performed = Period(r.StartedAt ?? r.ArrivedAt, r.FinishedAt),
                Performer = [new Procedure.PerformerComponent { Actor = practitioner }],
            };
            entries.Add((e.With(procedure, "Procedure", IdentifierQuery(procedure.Identifier[0])), new BundleEntryKey(key, "Procedure")));
        }

        foreach (var rx in r.Prescriptions.Where(x => !x.Voided || r.KnownIds.ContainsKey(LocalKeys.MedicationRequest(x.Id))))
        {
            var medKey = LocalKeys.Medication(rx.Id);
            var medEntry = NewEntry(r, medKey, "Medication", baseUrl);
            var medCode = new CodeableConcept { Text = rx.DrugName };
            if (rx.KfaCode is { } kfa)
            {
                medCode.Coding.Add(new Coding(Systems.Kfa, kfa, rx.KfaDisplay ?? rx.DrugName));
            }
            var medication = new Medication
            {
                Identifier = [new Identifier(Systems.Local("medication", org), $"{Invariant(r.VisitId)}-{Invariant(rx.Id)}")],
                Code = medCode,
                Status = Medication.MedicationStatusCodes.Active,
            };
            entries.Add((medEntry.With(medication, "Medication", IdentifierQuery(medication.Identifier[0])), new BundleEntryKey(medKey, "Medication")));

            var key = LocalKeys.MedicationRequest(rx.Id);
            var e = NewEntry(r, key, "MedicationRequest", baseUrl);
            var dosage = new Dosage { Text = rx.Days is { } days ? $"{rx.Dose} selama {Invariant(days)} hari" : rx.Dose };
            var request = new MedicationRequest
            {
                Identifier =
                [
                    new Identifier(Systems.Local("prescription", org), Invariant(r.VisitId)),
                    new Identifier(Systems.Local("prescription-item", org), $"{Invariant(r.VisitId)}-{Invariant(rx.Id)}"),
                ],
                Status = rx.Voided ? MedicationRequest.MedicationrequestStatus.EnteredInError : MedicationRequest.MedicationrequestStatus.Completed,
                Intent = MedicationRequest.MedicationRequestIntent.Order,
                Category = [Concept(Systems.MedicationRequestCategory, "outpatient", "Outpatient")],
                Medication = new ResourceReference(medEntry.Reference) { Display = rx.DrugName },
                Subject = patient,
                Encounter = encounterRef,
                AuthoredOn = Instant(r.ExaminedAt ?? r.FinishedAt),
                Requester = practitioner,
                DosageInstruction = [dosage],
                DispenseRequest = new MedicationRequest.DispenseRequestComponent
                {
                    Quantity = new Quantity { Value = rx.Quantity, Unit = rx.Unit },
                    ExpectedSupplyDuration = rx.Days is { } d2 ? new Duration { Value = d2, Unit = "hari", System = Systems.Ucum, Code = "d" } : null,
                },
            };
            entries.Add((e.With(request, "MedicationRequest", IdentifierQuery(request.Identifier[1])), new BundleEntryKey(key, "MedicationRequest")));
        }

        bundle.Entry.Add(encounterEntry.With(encounter, "Encounter", IdentifierQuery(encounter.Identifier[0])));
        keys.Add(new BundleEntryKey(LocalKeys.Encounter, "Encounter"));
        foreach (var (entry, key) in entries)
        {
            bundle.Entry.Add(entry);
            keys.Add(key);
        }
        return new VisitBundle(bundle, keys);
    }

    private static List<Encounter.StatusHistoryComponent> StatusHistory(VisitRecord r)
    {
        var list = new List<Encounter.StatusHistoryComponent>();
        if (r.StartedAt is { } started)
        {
            list.Add(new() { Status = Encounter.EncounterStatus.Arrived, Period = Period(r.ArrivedAt, started) });
            list.Add(new() { Status = Encounter.EncounterStatus.InProgress, Period = Period(started, r.FinishedAt) });
        }
        else
        {
            list.Add(new() { Status = Encounter.EncounterStatus.Arrived, Period = Period(r.ArrivedAt, r.FinishedAt) });
        }
        list.Add(new() { Status = Encounter.EncounterStatus.Finished, Period = Period(r.FinishedAt, r.FinishedAt) });
        return list;
    }

    /// <summary>A CodeableConcept with one coding (code and display).</summary>
    public static CodeableConcept Concept(string system, string code, string display) => new() { Coding = [new Coding(system, code, display)] };

    /// <summary>An instant in UTC as SATUSEHAT asks: <c>2023-08-23T10:35:00+00:00</c>.</summary>
    public static string Instant(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);

    private static Period Period(DateTimeOffset start, DateTimeOffset end) => new() { Start = Instant(start), End = Instant(end) };

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string IdentifierQuery(Identifier identifier) => $"identifier={identifier.System}|{identifier.Value}";

    private static PendingEntry NewEntry(VisitRecord r, string key, string type, string baseUrl) =>
        r.KnownIds.TryGetValue(key, out var id)
            ? new PendingEntry($"{baseUrl.TrimEnd('/')}/{type}/{id}", $"{type}/{id}", id)
            : new PendingEntry("urn:uuid:" + Guid.NewGuid().ToString("D"), null, null);

    private sealed record PendingEntry(string FullUrl, string? ServerReference, string? Id)
    {
        /// <summary>How other resources of the bundle refer to this one.</summary>
        public string Reference => ServerReference ?? FullUrl;

        public Bundle.EntryComponent With(Resource resource, string type, string ifNoneExist)
        {
            resource.Id = Id;
            return new Bundle.EntryComponent
            {
                FullUrl = FullUrl,
                Resource = resource,
                Request = Id is null
                    ? new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = type, IfNoneExist = ifNoneExist }
                    : new Bundle.RequestComponent { Method = Bundle.HTTPVerb.PUT, Url = $"{type}/{Id}" },
            };
        }
    }
}
