package org.madoguchi.platform.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.madoguchi.platform.Actor;
import org.madoguchi.platform.DepartmentCatalog;
import org.madoguchi.platform.ProblemException;
import org.springframework.stereotype.Service;

/**
 * Registering and revoking kiosks, boards and metrics scrapers, shared by the API and the /admin page (same checks,
 * same log). A kiosk or board belongs to one office; a scraper (METRICS) to none, so an office sent with it is ignored.
 */
@Service
class DeviceAdministration {

    record NewDevice(@NotBlank(message = "入力してください") @Size(max = 100, message = "100 文字まで") String name,
                     @NotNull(message = "選んでください") Actor.Role kind,
                     String officeId) {
    }

    private final Accounts accounts;
    private final DepartmentCatalog catalog;
    private final InputCheck input;

    DeviceAdministration(Accounts accounts, DepartmentCatalog catalog, InputCheck input) {
        this.accounts = accounts;
        this.catalog = catalog;
        this.input = input;
    }

    /** The registration carries the device token, which exists only in this answer (its hash is stored). */
    Accounts.DeviceRegistration register(long actorId, NewDevice body) {
        input.validate(body);
        if (body.kind() == Actor.Role.METRICS) {
            var scraper = accounts.registerDevice(body.name(), Actor.Role.METRICS, null);
            accounts.audit(actorId, "DEVICE_REGISTERED", "device " + scraper.id() + " (METRICS)");
            return scraper;
        }
        if (body.kind() != Actor.Role.KIOSK && body.kind() != Actor.Role.DISPLAY) {
            throw ProblemException.invalid("invalid-device-kind", "端末の種類は KIOSK、DISPLAY か METRICS です。");
        }
        if (body.officeId() == null || body.officeId().isBlank()) {
            throw ProblemException.invalid("invalid-fields", "入力に誤りがあります: 庁舎（選んでください）");
        }
        if (!catalog.officeExists(body.officeId())) {
            throw ProblemException.invalid("unknown-office", "庁舎「" + body.officeId() + "」は登録されていません。");
        }
        var device = accounts.registerDevice(body.name(), body.kind(), body.officeId());
        accounts.audit(actorId, "DEVICE_REGISTERED", "device " + device.id() + " (" + device.kind()
                + " at " + device.officeId() + ")");
        return device;
    }

    void revoke(long actorId, long deviceId) {
        if (!accounts.revokeDevice(deviceId)) {
            throw ProblemException.notFound("unknown-device", "その端末は見つからないか、すでに無効です。");
        }
        accounts.audit(actorId, "DEVICE_REVOKED", "device " + deviceId);
    }
}
