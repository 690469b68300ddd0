package dev.changewire.instances.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** One configuration key of an instance; the value is always text, encrypted when the key is a secret. */
@Entity
@Table(name = "instance_configuration")
public class ConfigurationEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "instance_configuration_seq")
    @SequenceGenerator(name = "instance_configuration_seq", sequenceName = "instance_configuration_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "instance_id")
    private Instance instance;

    @Column(name = "config_key", nullable = false)
    private String key;

    /** Clear text, or SecretCipher's output for secret keys. */
    @Column(name = "config_value", length = 1048576)
    private String storedValue;

    protected ConfigurationEntry() {
    }

    public ConfigurationEntry(Instance instance, String key, String storedValue) {
        this.instance = instance;
        this.key = key;
        this.storedValue = storedValue;
    }

    public Long getId() {
        return id;
    }

    public Instance getInstance() {
        return instance;
    }

    public String getKey() {
        return key;
    }

    public String getStoredValue() {
        return storedValue;
    }

    public void setStoredValue(String storedValue) {
        this.storedValue = storedValue;
    }
}
